import { atom, map } from 'nanostores';
import { shared } from '../shared.js';
import type { LiveError } from './errors.js';

export interface ErrorEntry {
  error: LiveError;
  /** When the source tries again (ms epoch), or null. */
  retryAt: number | null;
  /** The user closed it; it stays closed while the same failure repeats. */
  dismissed: boolean;
}

/**
 * The failures the page's sources publish (written by each source's `Publisher`; `dismissError`
 * is the alert's intent). Read them from `src/stores/errors.ts`.
 */

/** The current error of each failing source. Cleared when that source succeeds. */
export const $errors = shared('errors', () => map<Record<string, ErrorEntry | undefined>>({}));

const same = (a: LiveError, b: LiveError) => a.kind === b.kind && a.status === b.status;

/** The last 20 failures, newest first, for the diagnostics panel and report. */
export const $errorLog = shared('errorLog', () => atom<readonly LiveError[]>([]));
const LOG_SIZE = 20;

/** A source's failure that is not mended yet, and when it tries again. Each new failure goes to the log once. */
export function setError(name: string, error: LiveError, retryAt: number | null = null): void {
  const current = $errors.get()[name];
  if (current?.error === error && current.retryAt === retryAt) return;
  if (current?.error !== error) $errorLog.set([error, ...$errorLog.get()].slice(0, LOG_SIZE));
  $errors.setKey(name, { error, retryAt, dismissed: !!current?.dismissed && same(current.error, error) });
}

export function clearError(name: string): void {
  if ($errors.get()[name]) $errors.setKey(name, undefined);
}

export function dismissError(name: string): void {
  const current = $errors.get()[name];
  if (current && !current.dismissed) $errors.setKey(name, { ...current, dismissed: true });
}
