/**
 * Removes what is cached for one namespace (a signed-out user), or everything. The offline
 * cache's code (IndexedDB through idb-keyval) loads for it, as it does for a source with `persist`:
 * a page that never caches and never clears downloads none of it.
 */
export const clearCache = (namespace?: string): Promise<void> => import('./cache.js').then((cache) => cache.clearCache(namespace));
