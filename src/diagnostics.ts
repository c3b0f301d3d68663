/**
 * live-widgets/diagnostics: the request figures, each stream's figures, the health judgement over
 * the requests, each source's timeline, and the support report, for a host's own panel or
 * alerting (`<live-diagnostics>` uses the same). No Lit, no elements.
 */
export { $diagnostics, $totals, type SourceStats, type Totals } from './stores/diagnostics.js';
export { $streams, type StreamStats, type StreamState } from './stores/streams.js';
export { diagnosticsReport } from './stores/report.js';
export { $health, $healthStatus, $pageTargets, setPageTargets, type PageHealth, type SourceHealth } from './stores/health.js';
export { DEFAULT_TARGETS, type Targets, type TargetKey, type TargetResult, type HealthStatus, type Verdict } from './data/health.js';
export { $timeline, TIMELINE_LIMIT, TIMELINE_WINDOW, causeOf, type Cause, type Said, type TimelineEntry } from './stores/timeline.js';
