import type { LiveError } from './errors.js';

export type SourceStatus = 'idle' | 'loading' | 'refreshing' | 'error';
export type SourceOrigin = 'none' | 'live' | 'cache' | 'fallback';
/** How the data is kept fresh right now. */
export type SourceConnection = 'streaming' | 'polling' | 'offline' | 'paused' | 'idle';

export interface SourceState<T = unknown> {
  data: T | undefined;
  status: SourceStatus;
  origin: SourceOrigin;
  /** When the server last confirmed the data (ms epoch), or null. */
  updatedAt: number | null;
  /** The last fetch's error once its retries ran out; null after a success. */
  error: LiveError | null;
  /** The data is older than `ttl` (or was never confirmed). */
  stale: boolean;
  /** The age after which the data is stale, in ms. */
  ttl: number;
  /** `streaming`, `polling`, `offline`, `paused` (page hidden) or `idle`. */
  connection: SourceConnection;
}
