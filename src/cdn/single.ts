/**
 * The single file (`dist/live-widgets.js`): one script tag gives a page every element and the JS
 * API. The diagnostics panel, most pages' largest element and one few pages show, is a file
 * beside it with the health judgement and the support report (`live-widgets-live-diagnostics-….js`),
 * fetched the moment a `<live-diagnostics>` appears; so are the sync status, the auto-refresh
 * control and the cache's status, which a typical page does not show either, as the stream client and the offline cache
 * are fetched when a source asks. Its class and that API come from `live-widgets` (npm) or
 * `dist/cdn/live-diagnostics.js` and `dist/cdn/diagnostics.js`.
 */
import { LightElement } from '../components/light-element.js';
import { watchTags } from './watch.js';

export * from '../data.js';
export { $diagnostics, $totals, type SourceStats, type Totals } from '../stores/diagnostics.js';
export { $streams, type StreamStats, type StreamState } from '../stores/streams.js';
export * from '../elements.js';

/** The elements a typical page does not show, each a file beside this one, fetched when one appears. */
const LATER: Record<string, () => Promise<unknown>> = {
  'live-sync-status': () => import('../components/live-sync-status.js'),
  'live-auto-refresh': () => import('../components/live-auto-refresh.js'),
  'live-diagnostics': () => import('../components/live-diagnostics.js'),
  'live-cache-status': () => import('../components/live-cache-status.js'),
};
watchTags(
  new Set(Object.keys(LATER)),
  (tag) =>
    void LATER[tag]!().catch((e) => console.error(`live-widgets: could not load <${tag}> from beside ${import.meta.url}: ${(e as Error)?.message ?? e}`)),
  (element) => element instanceof LightElement,
);
