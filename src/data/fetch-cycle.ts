import { confirmedAt, payloadTime, ServerClock } from './age.js';
import { isLiveError, liveError } from './errors.js';
import type { SourceHost } from './host.js';
import type { SourceEvent } from './machine.js';
import { resolveHeaders } from './options.js';
import { isOffline, sleep } from './page.js';
import { requestJson, type RequestResult } from './request.js';
import { nextTry } from './retry.js';
import { stats } from './stats-hook.js';

/**
 * A source's fetches: one fetch with its retries at a time (`run`), and what one leaves for the
 * next: the validators of the data on screen (for a conditional request), the estimate of the
 * server's clock (from the `Date` of first-hand answers), and how many pushes came (an answer
 * that left before one landed is older than it). Each try is recorded in the diagnostics;
 * `nextTry` decides whether and when to try again, never while the browser is offline.
 */
export class Fetcher<T> {
  /** The validators of the data on screen (null: its answer had none). */
  etag: string | null | undefined;
  lastModified: string | null | undefined;
  pushes = 0;
  readonly #clock = new ServerClock();
  readonly #host: SourceHost<T>;

  constructor(host: SourceHost<T>) {
    this.#host = host;
  }

  /** When data that arrives now (pushed) was live, on this browser's clock. */
  pushedAt(data: T): number {
    return confirmedAt({ received: Date.now(), age: 0 }, this.#clock.offset(), payloadTime(data, this.#host.options.timestamp));
  }

  /**
   * One fetch with its retries. Ends with the event that says how it ended: data, or the error
   * shown and the old data kept; `quiet` gets the least wait the server asked for before the next.
   */
  async run(force: boolean, stop: AbortSignal, quiet: (ms: number) => void): Promise<SourceEvent<T>> {
    const host = this.#host;
    const { name, options: o } = host;
    const pushes = this.pushes;
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      host.send({ type: 'fetchStarted' });
      stats()?.start(name);
      let answer: RequestResult;
      try {
        answer = await requestJson({
          source: name,
          url: o.src!,
          attempt,
          headers: await resolveHeaders(o.headers),
          credentials: o.credentials,
          timeout: o.timeout,
          force,
          purge: force && o.purge,
          etag: this.etag,
          lastModified: this.lastModified,
          signal: stop,
          cacheMarker: o.cacheMarker,
        });
      } catch (e) {
        const error = isLiveError(e)
          ? e
          : liveError('network', { source: name, url: o.src!, attempt, message: `The request could not be made: ${(e as Error)?.message ?? e}` });
        stats()?.end(name, performance.now() - started, { ok: false, kind: error.kind });
        // Stopped: no failure to tell, the source is not working now.
        if (error.kind === 'aborted' || stop.aborted) return { type: 'cycleEnded' };
        const plan = nextTry(error, attempt, o.retry);
        if (!plan.retry || (error.kind === 'network' && isOffline())) {
          stats()?.cycle(name, false);
          // Retries are spent: the error stays shown with the data; polling goes on, not before Retry-After.
          quiet(plan.after);
          return { type: 'failed', error, retryAt: null, final: true };
        }
        // Said at once, not after the last try.
        host.send({ type: 'failed', error, retryAt: Date.now() + plan.after, final: false });
        if (!(await sleep(plan.after, stop))) return { type: 'cycleEnded' };
        continue;
      }
      const result = { ...answer, ...this.#clock.judge(answer) };
      stats()?.end(name, performance.now() - started, {
        ok: true,
        notModified: result.kind === 'not-modified',
        cached: result.servedBy !== null,
        bytes: result.bytes,
      });
      stats()?.cycle(name, true);
      if (stop.aborted) return { type: 'cycleEnded' };
      quiet(0);
      // A push landed while this fetch was out: the answer may predate it, so the pushed data
      // stays (as TanStack Query asks hosts to cancel queries before setting data).
      if (this.pushes !== pushes) return { type: 'superseded' };
      // A 304 confirms the data on screen.
      let data = host.state.data as T;
      if (result.kind !== 'not-modified') {
        this.etag = result.etag;
        this.lastModified = result.lastModified;
        data = result.data as T;
      }
      return { type: 'confirmed', data, servedBy: result.servedBy, at: confirmedAt(result, this.#clock.offset(), payloadTime(data, o.timestamp)) };
    }
  }
}
