/**
 * live-widgets/data: the headless data layer and its stores, for any framework. No Lit, no
 * elements, nothing rendered: sources, streams, the offline cache, tabs, and the stores that
 * elements (or a host's own components) read. The request figures, the health judgement and the
 * support report are `live-widgets/diagnostics` (with the streams' figures, `$streams`), and the
 * event-stream parser `live-widgets/sse`, so a page that polls does not download them.
 */
export { createSource, Source } from './data/source.js';
export type { SourceState, SourceStatus, SourceOrigin, SourceConnection } from './data/state.js';
export type { SourceOptions, ResolvedOptions, HeadersOption } from './data/options.js';
export { parseDuration, type Duration } from './data/duration.js';
export { freshness, type Freshness, type FreshnessStatus } from './data/freshness.js';
export { isLiveError, type LiveError, type ErrorKind } from './data/errors.js';
export { clearCache } from './data/clear-cache.js';
export type { TabRole } from './data/tabs.js';
export { $sources, getSource, findSource } from './stores/sources.js';
export { $errors, $errorLog, dismissError, type ErrorEntry } from './stores/errors.js';
export { $tabs, type TabInfo } from './stores/tabs.js';
export { redactUrl, redactHeaders } from './data/redact.js';
export { VERSION } from './version.js';
