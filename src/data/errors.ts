/** How a request failed: what a user can act on differs for each. */
export type ErrorKind = 'network' | 'timeout' | 'http' | 'rate-limited' | 'parse' | 'aborted';

/** A failed request, as a value: its kind, a readable message and the facts behind it. */
export interface LiveError {
  readonly kind: ErrorKind;
  /** A short sentence a user can read. */
  readonly message: string;
  /** The source's name. */
  readonly source: string;
  /** The URL requested, without its query (queries may carry tokens). */
  readonly url: string;
  /** HTTP status, for `http` and `rate-limited`. */
  readonly status?: number;
  /** Which try of this fetch failed, from 1. */
  readonly attempt: number;
  /** When it failed (ms epoch). */
  readonly at: number;
  /** The server's `Retry-After`, in ms from `at`, when it sent one. */
  readonly retryAfter?: number;
  /** What the server said about it (its JSON `message` or `error`), as plain text. */
  readonly detail?: string;
}

const MESSAGES: Record<ErrorKind, (status?: number) => string> = {
  network: () => 'Could not reach the server. Check the connection.',
  timeout: () => 'The server took too long to answer.',
  http: (status) => `The server answered with an error (HTTP ${status}).`,
  'rate-limited': (status) => (status === 503 ? 'The server is busy.' : 'Too many requests: the server asks to wait.'),
  parse: () => 'The server sent data that could not be read.',
  aborted: () => 'The request was cancelled.',
};

/** The URL without query or fragment, for messages and reports. */
export function bareUrl(url: string): string {
  try {
    const u = new URL(url, globalThis.location?.href);
    return u.origin + u.pathname;
  } catch {
    return url.split(/[?#]/)[0];
  }
}

export function liveError(
  kind: ErrorKind,
  facts: {
    source: string;
    url: string;
    attempt?: number;
    status?: number | undefined;
    retryAfter?: number | undefined;
    message?: string | undefined;
    detail?: string | undefined;
  },
): LiveError {
  const { status, retryAfter, detail } = facts;
  // Facts it does not have are absent, not undefined.
  return Object.freeze({
    kind,
    message: facts.message ?? MESSAGES[kind](status),
    source: facts.source,
    url: bareUrl(facts.url),
    attempt: facts.attempt ?? 1,
    at: Date.now(),
    ...(status !== undefined && { status }),
    ...(retryAfter !== undefined && { retryAfter }),
    ...(detail && { detail: detail.slice(0, 300) }),
  });
}

export function isLiveError(value: unknown): value is LiveError {
  return typeof value === 'object' && value !== null && 'kind' in value && 'message' in value && 'attempt' in value;
}
