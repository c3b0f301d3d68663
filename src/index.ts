/**
 * live-widgets: custom elements that show, and control, how fresh a page's data is.
 * Importing this module defines every element.
 */
export { createSource, Source, type SourceState, type SourceStatus, type SourceOrigin, type SourceConnection } from './data/source.js';
export { clearCache } from './data/cache.js';
export { SseParser, type SseMessage } from './data/sse.js';
export type { SourceOptions, ResolvedOptions, HeadersOption } from './data/options.js';
export { parseDuration, type Duration } from './data/duration.js';
export { freshness, type Freshness, type FreshnessStatus } from './data/freshness.js';
export { isLiveError, type LiveError, type ErrorKind } from './data/errors.js';
export { $sources, getSource, findSource } from './stores/sources.js';
export { $errors, dismissError, type ErrorEntry } from './stores/errors.js';
export { $diagnostics, $totals, type SourceStats, type Totals } from './stores/diagnostics.js';
export { $streams, type StreamStats, type StreamState } from './stores/streams.js';
export { $tabs, type TabInfo } from './stores/tabs.js';
export type { TabRole } from './data/tabs.js';
export { configure, defaultStrings, type Strings, type Configuration } from './components/strings.js';
export { LiveSource, type LiveUpdateDetail, type LiveErrorDetail } from './components/live-source.js';
export { LiveRefreshButton, type LiveRefreshDetail } from './components/live-refresh-button.js';
export { LiveLastUpdated } from './components/live-last-updated.js';
export { LiveSourceBadge, badgeState, type BadgeState } from './components/live-source-badge.js';
export { LiveErrorAlert } from './components/live-error-alert.js';
export { LiveValue, type ValueFormat } from './components/live-value.js';
export { LiveDiagnostics } from './components/live-diagnostics.js';
export { diagnosticsReport, redactUrl, redactHeaders } from './stores/report.js';
export { $errorLog } from './stores/errors.js';
export { LiveSyncStatus } from './components/live-sync-status.js';
export { readSyncStatus, type SyncStatus, type SyncEntity, type SyncJobStatus } from './components/sync-status.js';
export { LiveAutoRefresh, type AutoRefreshState, type LiveAutoRefreshDetail } from './components/live-auto-refresh.js';
