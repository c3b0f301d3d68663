const KEY = Symbol.for('live-widgets');

/**
 * Page-wide state, shared by every copy of the library on the page (a host's npm build and a
 * CMS widget's CDN script, say): one set of sources, one ticker, one set of stores.
 */
/* @__NO_SIDE_EFFECTS__ */
export function shared<T>(name: string, create: () => T): T {
  const g = globalThis as { [KEY]?: Record<string, unknown> };
  const registry = (g[KEY] ??= {});
  return (registry[name] ??= create()) as T;
}
