import { atom, map } from 'nanostores';
import { shared } from '../shared.js';
import type { LiveError } from '../data/errors.js';

export interface ErrorEntry {
  error: LiveError;
  /** The user closed it; it stays closed while the same failure repeats. */
  dismissed: boolean;
}

/** The current error of each failing source. Cleared when that source succeeds. */
export const $errors = shared('errors', () => map<Record<string, ErrorEntry | undefined>>({}));

const same = (a: LiveError, b: LiveError) => a.kind === b.kind && a.status === b.status;

/** The last 20 failures, newest first, for the diagnostics panel and report. */
export const $errorLog = shared('errorLog', () => atom<readonly LiveError[]>([]));
const LOG_SIZE = 20;

export function setError(name: string, error: LiveError): void {
  $errorLog.set([error, ...$errorLog.get()].slice(0, LOG_SIZE));
  const current = $errors.get()[name];
  $errors.setKey(name, { error, dismissed: !!current?.dismissed && same(current.error, error) });
}

export function clearError(name: string): void {
  if ($errors.get()[name]) $errors.setKey(name, undefined);
}

export function dismissError(name: string): void {
  const current = $errors.get()[name];
  if (current && !current.dismissed) $errors.setKey(name, { ...current, dismissed: true });
}
