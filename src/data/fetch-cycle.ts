import type { ServerClock } from './age.js';
import { isLiveError, liveError, type LiveError } from './errors.js';
import { resolveHeaders, type ResolvedOptions } from './options.js';
import { isOffline, sleep } from './page.js';
import { requestJson, type RequestResult } from './request.js';
import { nextTry } from './retry.js';
import { stats } from './stats-hook.js';

export type CycleOutcome =
  | RequestResult
  /** Tries are spent: the error, and the least wait the server asked for before the next request (ms). */
  | { kind: 'error'; error: LiveError; wait: number }
  | { kind: 'aborted' };

export interface CycleInput {
  name: string;
  options: ResolvedOptions<unknown>;
  force: boolean;
  etag: string | undefined;
  lastModified: string | undefined;
  /** The source's estimate of the server's clock: it judges each answer, and learns from first-hand ones. */
  clock: ServerClock;
  /** Aborted when the source stops: ends the request and any wait. */
  stop: AbortSignal;
  /** A try begins. */
  trying(): void;
  /** A try failed and another follows at `retryAt`: said at once, not after the last try. */
  retrying(error: LiveError, retryAt: number): void;
}

/**
 * One fetch with its retries, recorded in the diagnostics. `nextTry` decides whether and when to
 * try again; none while the browser is offline.
 */
export async function fetchCycle({ name, options: o, force, etag, lastModified, clock, stop, trying, retrying }: CycleInput): Promise<CycleOutcome> {
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    trying();
    stats()?.start(name);
    try {
      const answer = await requestJson({
        source: name,
        url: o.src!,
        attempt,
        headers: await resolveHeaders(o.headers),
        credentials: o.credentials,
        timeout: o.timeout,
        force,
        etag,
        lastModified,
        signal: stop,
        cacheMarker: o.cacheMarker,
      });
      const result = { ...answer, ...clock.judge(answer) };
      stats()?.end(name, performance.now() - started, {
        ok: true,
        notModified: result.kind === 'not-modified',
        cached: result.servedBy !== null,
        bytes: result.bytes,
      });
      stats()?.cycle(name, true);
      return result;
    } catch (e) {
      const error = isLiveError(e)
        ? e
        : liveError('network', { source: name, url: o.src!, attempt, message: `The request could not be made: ${(e as Error)?.message ?? e}` });
      stats()?.end(name, performance.now() - started, { ok: false, kind: error.kind });
      if (error.kind === 'aborted') return { kind: 'aborted' };
      const plan = nextTry(error, attempt, o.retry);
      if (!plan.retry || (error.kind === 'network' && isOffline())) {
        stats()?.cycle(name, false);
        return { kind: 'error', error, wait: plan.after };
      }
      retrying(error, Date.now() + plan.after);
      if (!(await sleep(plan.after, stop))) return { kind: 'aborted' };
    }
  }
}
