import type { LiveError } from './errors.js';

/**
 * `loading` (no data yet, a fetch is out), `refreshing` (a fetch is out, data on screen),
 * `retrying` (a fetch failed and it tries again, at `retryAt` or now), `error` (it gave up for
 * now), `idle`.
 */
export type SourceStatus = 'idle' | 'loading' | 'refreshing' | 'retrying' | 'error';
/**
 * Where the data on screen comes from: `live` (the server, first-hand), `server-cache` (a cache
 * on the way answered, named by `servedBy`), `cache` (saved on this device, not confirmed
 * since), `fallback`, or `none`.
 */
export type SourceOrigin = 'none' | 'live' | 'server-cache' | 'cache' | 'fallback';
/** How the data is kept fresh right now. */
export type SourceConnection = 'streaming' | 'connecting' | 'reconnecting' | 'polling' | 'offline' | 'paused' | 'idle';

export interface SourceState<T = unknown> {
  data: T | undefined;
  status: SourceStatus;
  origin: SourceOrigin;
  /**
   * Which cache served the data on screen, when `origin` is `server-cache`: the name its
   * `Cache-Status` gives, `'browser'` when this browser kept it (its service worker), `''` when
   * only an `Age`, the host's `cacheMarker` or an old `Date` tells; null otherwise.
   */
  servedBy: string | null;
  /** When the origin server produced or last confirmed the data (ms epoch, this browser's clock), or null. */
  updatedAt: number | null;
  /** The failure that is not mended yet (a fetch, or the stream of a stream-only source); null once it is. */
  error: LiveError | null;
  /** When it tries again: the next fetch after a failed one (a retry, or the next poll), else the lost stream's reconnection; or null. */
  retryAt: number | null;
  /** The data is older than `ttl` (or was never confirmed). */
  stale: boolean;
  /** The age after which the data is stale, in ms. */
  ttl: number;
  /** `streaming`, `connecting` (a stream's first try), `reconnecting`, `polling`, `offline`, `paused` (hidden) or `idle`. */
  connection: SourceConnection;
}
