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

/** How long to wait before retry number `retry` (0-based) after `error`: the server's `Retry-After` wins. */
export function retryDelay(error: LiveError, retry: number, policy: RetryPolicy, random = Math.random): number {
  return error.retryAfter ?? backoff(retry, policy, random);
}
