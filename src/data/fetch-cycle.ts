import { isLiveError, liveError, type LiveError } from './errors.js';
import { resolveHeaders, type ResolvedOptions } from './options.js';
import { isOffline, sleep } from './page.js';
import { requestJson, type RequestResult } from './request.js';
import { isRetryable, retryDelay } from './retry.js';
import { recordEnd, recordStart } from '../stores/diagnostics.js';

export type CycleOutcome = RequestResult | { kind: 'error'; error: LiveError } | { kind: 'aborted' };

export interface CycleInput {
  name: string;
  options: ResolvedOptions<unknown>;
  force: boolean;
  etag: string | undefined;
  lastModified: string | undefined;
  /** Aborted when the source stops: ends the request and any wait. */
  stop: AbortSignal;
}

/**
 * One fetch with its retries, recorded in the diagnostics. Retries only what another try can
 * mend, waits the backoff (or the server's `Retry-After`), and stops retrying while the browser
 * is offline or when the server asks for a longer wait than `retry.max`.
 */
export async function fetchCycle({ name, options: o, force, etag, lastModified, stop }: CycleInput): Promise<CycleOutcome> {
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    recordStart(name);
    try {
      const result = await requestJson({
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
      });
      recordEnd(name, performance.now() - started, { ok: true, notModified: result.kind === 'not-modified', bytes: result.bytes });
      return result;
    } catch (e) {
      const error = isLiveError(e)
        ? e
        : liveError('network', { source: name, url: o.src!, attempt, message: `The request could not be made: ${(e as Error)?.message ?? e}` });
      recordEnd(name, performance.now() - started, { ok: false, kind: error.kind });
      if (error.kind === 'aborted') return { kind: 'aborted' };
      const delay = retryDelay(error, attempt - 1, o.retry);
      const offline = error.kind === 'network' && isOffline();
      if (attempt > o.retry.attempts || !isRetryable(error) || delay > o.retry.max || offline) return { kind: 'error', error };
      if (!(await sleep(delay, stop))) return { kind: 'aborted' };
    }
  }
}
