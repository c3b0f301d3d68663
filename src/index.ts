/**
 * live-widgets: custom elements that show, and control, how fresh a page's data is.
 * Importing this module defines every element; `live-widgets/data` is the data layer alone.
 */
export * from './data.js';
export * from './diagnostics.js';
export { configure, defaultStrings, type Strings, type Configuration } from './components/strings.js';
export { LiveSource, type LiveUpdateDetail, type LiveErrorDetail } from './components/live-source.js';
export { LiveRefreshButton, type LiveRefreshDetail } from './components/live-refresh-button.js';
export { LiveLastUpdated } from './components/live-last-updated.js';
export { LiveSourceBadge, badgeState, type BadgeState } from './components/live-source-badge.js';
export { LiveErrorAlert } from './components/live-error-alert.js';
export { LiveValue, type ValueFormat } from './components/live-value.js';
export { LiveDiagnostics } from './components/live-diagnostics.js';
export { LiveSyncStatus } from './components/live-sync-status.js';
export { readSyncStatus, type SyncStatus, type SyncEntity, type SyncJobStatus } from './components/sync-status.js';
export { LiveAutoRefresh, type AutoRefreshState, type LiveAutoRefreshDetail } from './components/live-auto-refresh.js';
