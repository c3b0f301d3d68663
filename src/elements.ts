/**
 * The elements of a typical page, with the words they share: what `live-widgets` (npm) and the
 * single file (`src/cdn/single.ts`) both export. Importing this module defines them. The others
 * (sync status, auto refresh, the cache's status, the diagnostics panel) the single file fetches
 * from beside it when one appears.
 */
export { configure, defaultStrings, type Strings, type Configuration } from './components/strings.js';
export { LiveSource, type LiveUpdateDetail, type LiveErrorDetail } from './components/live-source.js';
export { LiveRefreshButton, type LiveRefreshDetail } from './components/live-refresh-button.js';
export { LiveLastUpdated } from './components/live-last-updated.js';
export { LiveSourceBadge, badgeState, type BadgeState } from './components/live-source-badge.js';
export { LiveErrorAlert } from './components/live-error-alert.js';
export { LiveValue, type ValueFormat } from './components/live-value.js';
