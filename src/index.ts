/**
 * live-widgets: custom elements that show, and control, how fresh a page's data is.
 * Importing this module defines every element; `live-widgets/data` is the data layer alone.
 */
export * from './data.js';
export * from './diagnostics.js';
export * from './sse.js';
export * from './elements.js';
export { LiveSyncStatus } from './components/live-sync-status.js';
export { readSyncStatus, type SyncStatus, type SyncEntity, type SyncJobStatus } from './components/sync-status.js';
export { LiveAutoRefresh, type AutoRefreshState, type LiveAutoRefreshDetail } from './components/live-auto-refresh.js';
export { LiveDiagnostics } from './components/live-diagnostics.js';
export { LiveCacheStatus } from './components/live-cache-status.js';
export { readAppCacheStatus, type AppCacheStatus, type AppCacheKey } from './components/app-cache-status.js';
