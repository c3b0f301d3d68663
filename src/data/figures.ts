import { map, onMount } from 'nanostores';
import { shared } from '../shared.js';
import type { ErrorKind } from './errors.js';
import { countStats } from './stats-hook.js';
import type { Bucket } from './window.js';

export interface SourceStats {
  requests: number;
  successes: number;
  failures: number;
  /** 304 answers: the server confirmed the data without sending it. */
  notModified: number;
  /** Failures since the last success. */
  failuresInRow: number;
  inFlight: number;
  bytes: number;
  /** ms of the last finished request. */
  lastLatency: number | null;
  latency: { median: number | null; p95: number | null; samples: number };
  lastErrorKind: ErrorKind | null;
  /** Updates that came by stream or `push()`, not by a request. */
  pushes: number;
  cacheReads: number;
  cacheWrites: number;
  cacheFailures: number;
  /** Why the offline cache last failed (the source then works from memory). */
  cacheError: string | null;
  /** The last 15 minutes in 10 s buckets, for targets judged over a sliding window. */
  recent: Bucket[];
}

/**
 * Per source request figures (kept by the data layer's `stats.ts`); what the diagnostics panel
 * reads. Counted from the first time something watches this store (or `$health`, or a source has
 * `targets`): a page that shows no figures neither counts nor downloads their code.
 */
export const $diagnostics = shared('diagnostics', () => {
  const store = map<Record<string, SourceStats | undefined>>({});
  onMount(store, () => void countStats());
  return store;
});

export function publishStats(name: string, stats: SourceStats | undefined): void {
  $diagnostics.setKey(name, stats);
}
