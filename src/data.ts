/**
 * live-widgets/data: the headless data layer and its stores, for any framework. No Lit, no
 * elements, nothing rendered: sources, streams, the offline cache, tabs, and the stores that
 * elements (or a host's own components) read.
 */
export { createSource, Source } from './data/source.js';
export type { SourceState, SourceStatus, SourceOrigin, SourceConnection } from './data/state.js';
export type { SourceOptions, ResolvedOptions, HeadersOption } from './data/options.js';
export { parseDuration, type Duration } from './data/duration.js';
export { freshness, type Freshness, type FreshnessStatus } from './data/freshness.js';
export { isLiveError, type LiveError, type ErrorKind } from './data/errors.js';
export { clearCache } from './data/clear-cache.js';
export { SseParser, type SseMessage } from './data/sse.js';
export type { TabRole } from './data/tabs.js';
export { $sources, getSource, findSource } from './stores/sources.js';
export { $errors, $errorLog, dismissError, type ErrorEntry } from './stores/errors.js';
export { $diagnostics, $totals, type SourceStats, type Totals } from './stores/diagnostics.js';
export { $streams, type StreamStats, type StreamState } from './stores/streams.js';
export { $tabs, type TabInfo } from './stores/tabs.js';
export { diagnosticsReport, redactUrl, redactHeaders } from './stores/report.js';
export { $health, $healthStatus, $pageTargets, setPageTargets, type PageHealth, type SourceHealth } from './stores/health.js';
export { DEFAULT_TARGETS, type Targets, type TargetKey, type TargetResult, type HealthStatus, type Verdict } from './data/health.js';
export { VERSION } from './version.js';
