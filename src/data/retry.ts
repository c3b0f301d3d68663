import type { LiveError } from './errors.js';

export interface RetryPolicy {
  /** Retries after a failed request (so up to `attempts + 1` requests per fetch). */
  attempts: number;
  /** First backoff ceiling, doubled each retry. */
  base: number;
  /** Largest wait between two tries. */
  max: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, base: 1000, max: 30_000 };

/** Full jitter ("Exponential Backoff and Jitter"): a uniform wait in [0, min(max, base·2^retry)). */
export function backoff(retry: number, policy: RetryPolicy, random = Math.random): number {
  return Math.floor(random() * Math.min(policy.max, policy.base * 2 ** retry));
}

/** `Retry-After` as ms from `now`: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The statuses that mean "busy, come back later": they carry `Retry-After`. */
export const isBusyStatus = (status: number) => status === 429 || status === 503;

/** Only failures that another try can mend: the network, time-outs, 408, 429, 5xx. */
export function isRetryable(error: LiveError): boolean {
  switch (error.kind) {
    case 'network':
    case 'timeout':
    case 'rate-limited':
      return true;
    case 'http':
      return error.status === 408 || (error.status ?? 0) >= 500;
    default:
      return false;
  }
}

export interface NextTry {
  /** Whether to try again. */
  retry: boolean;
  /** When `retry`, the wait before it (ms); else the least wait the server asked for before any new try. */
  after: number;
}

/**
 * The one retry policy, for fetches and streams alike. After the `failures`-th failure in a row
 * (`error` null: a stream the server closed cleanly, which waits its `retry:` alone):
 * - only what another try can mend is tried again;
 * - the wait is the server's `Retry-After` when it sent one, else a full-jitter backoff; never
 *   shorter than `floor` (a stream's `retry:` field);
 * - `bounded` (fetches): at most `policy.attempts` retries, and none when `Retry-After` asks for
 *   longer than `policy.max`: the try after that waits for it (`after`).
 */
export function nextTry(
  error: LiveError | null,
  failures: number,
  policy: RetryPolicy,
  { bounded = true, floor = 0, random = Math.random }: { bounded?: boolean; floor?: number; random?: () => number } = {},
): NextTry {
  // A stream the server ended cleanly: its `retry:` (the standard's reconnection time), else a short jitter.
  if (!error) return { retry: true, after: floor || backoff(0, policy, random) };
  const asked = error.retryAfter;
  if (!isRetryable(error)) return { retry: false, after: asked ?? 0 };
  if (bounded && (failures > policy.attempts || (asked ?? 0) > policy.max)) return { retry: false, after: asked ?? 0 };
  return { retry: true, after: Math.max(floor, asked ?? backoff(Math.max(0, failures - 1), policy, random)) };
}
