import { ageHeader, servedBy, type CacheMarker } from './age.js';
import { liveError, type LiveError } from './errors.js';
import { isBusyStatus, parseRetryAfter } from './retry.js';

export interface RequestOptions {
  source: string;
  url: string;
  attempt: number;
  headers: Record<string, string>;
  credentials?: RequestCredentials | undefined;
  timeout: number;
  /** Bust every cache on the way: `_t=<now>` in the query, `cache: 'no-store'`, no validators. */
  force: boolean;
  /** A URL to POST first, so that a server's own cache drops its entry (the source's `purge`). */
  purge?: string | false | undefined;
  etag?: string | null | undefined;
  lastModified?: string | null | undefined;
  /** Aborted when the source stops. */
  signal?: AbortSignal | undefined;
  /** The host's header for answers from a server-side cache. */
  cacheMarker?: CacheMarker | undefined;
}

/** What an answer says of its own age and of who served it (see `age.ts`). */
export interface AnswerFacts {
  /** When its headers arrived (ms epoch). */
  received: number;
  /** The same moment on the monotonic clock. */
  mono: number;
  /** Its `Age` header, in ms (0 without one). */
  age: number;
  /** Its `Date` header (ms epoch), when readable. */
  date: number | undefined;
  /** The cache that served it, when a header says so: its `Cache-Status` name, or '' (an `Age` above 0, the host's marker); else null. */
  servedBy: string | null;
}

export type RequestResult =
  | ({ kind: 'data'; data: unknown; etag: string | null; lastModified: string | null; bytes: number; status: number } & AnswerFacts)
  | ({ kind: 'not-modified'; bytes: 0; status: 304 } & AnswerFacts);

async function answerFacts(res: Response, marker: CacheMarker | undefined): Promise<AnswerFacts> {
  const received = Date.now();
  const mono = performance.now();
  // Without one, "null" parses as NaN.
  const date = Date.parse(res.headers.get('date') as string);
  return {
    received,
    mono,
    age: ageHeader(res.headers),
    date: Number.isNaN(date) ? undefined : date,
    servedBy: await servedBy(res.headers, marker),
  };
}

/**
 * The browser's HTTP cache never answers for it alone (Fetch's cache modes): with validators of
 * its own the request bypasses that cache, so the server's 304 reaches the source; without, the
 * browser may revalidate what it stored, but must ask the server first. A host API's `max-age`
 * can then never pass an old answer off as a new one.
 */
export const cacheMode = (force: boolean, conditional: boolean): RequestCache => (force || conditional ? 'no-store' : 'no-cache');

/** The URL to request: relative to the page, with `_t` for a forced refresh. */
export function requestUrl(src: string, force?: boolean): string {
  const url = new URL(src, globalThis.document?.baseURI ?? globalThis.location?.href);
  if (force) url.searchParams.set('_t', String(Date.now()));
  return url.href;
}

/** One HTTP request for JSON. Resolves with data or "not modified"; rejects with a classified `LiveError`. */
export async function requestJson(o: RequestOptions): Promise<RequestResult> {
  const url = requestUrl(o.url, o.force);
  const facts = { source: o.source, url, attempt: o.attempt };
  const headers = new Headers(o.headers);
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  if (!o.force) {
    if (o.etag) headers.set('if-none-match', o.etag);
    if (o.lastModified) headers.set('if-modified-since', o.lastModified);
  }

  const controller = new AbortController();
  const { signal } = controller;
  // Its reason tells a timeout from a stop.
  const timer = setTimeout(() => controller.abort('timeout'), o.timeout);
  const onStop = () => controller.abort();
  o.signal?.addEventListener('abort', onStop);
  // Stopped already: nothing is sent, and the fetch fails as aborted.
  if (o.signal?.aborted) onStop();
  const failure = (): LiveError => liveError(signal.reason === 'timeout' ? 'timeout' : signal.aborted ? 'aborted' : 'network', facts);

  try {
    // The source's headers go with both steps (the purge is a forced fetch's: it sends no validator).
    const init = { headers, credentials: o.credentials, signal };
    let res: Response;
    try {
      // A server cache that ignores Cache-Control drops its entry first (the source's `purge`): a
      // refusal is the answer, and each failure names the URL of its own step. (A 304 is no answer
      // to a POST: RFC 9110 keeps it for conditional GET and HEAD.)
      const purged = o.purge && (await fetch((facts.url = requestUrl(o.purge)), { ...init, method: 'POST' }));
      res = purged && !purged.ok ? purged : await fetch((facts.url = url), { ...init, cache: cacheMode(o.force, !!(o.etag || o.lastModified)) });
    } catch {
      throw failure();
    }
    // Its time is when the headers came: a long body does not make the data younger.
    const told = answerFacts(res, o.cacheMarker);
    if (res.status === 304) return { kind: 'not-modified', bytes: 0, status: 304, ...(await told) };
    if (!res.ok) throw await answerError(res, facts);
    let body: ArrayBuffer;
    try {
      body = await res.arrayBuffer();
    } catch {
      if (signal.aborted) throw failure();
      throw liveError('network', { ...facts, message: 'The connection broke while the answer was arriving.' });
    }
    // A missing header reads as "null" (as `date` above): no match.
    if (/html|xml/i.test(res.headers.get('content-type') as string)) {
      throw liveError('parse', { ...facts, status: res.status, message: 'The server sent a web page, not data.' });
    }
    let data: unknown;
    try {
      data = JSON.parse(new TextDecoder().decode(body));
    } catch {
      throw liveError('parse', { ...facts, status: res.status });
    }
    return {
      kind: 'data',
      data,
      etag: res.headers.get('etag'),
      lastModified: res.headers.get('last-modified'),
      bytes: body.byteLength,
      status: res.status,
      ...(await told),
    };
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onStop);
  }
}

/**
 * A failed answer as an error value, for fetches and streams alike: `429` and `503` are
 * `rate-limited` with the server's `Retry-After`; any other status is `http`.
 */
export async function answerError(res: Response, facts: { source: string; url: string; attempt: number }, message?: string): Promise<LiveError> {
  const { status } = res;
  const busy = isBusyStatus(status);
  return liveError(busy ? 'rate-limited' : 'http', {
    ...facts,
    status,
    message,
    retryAfter: busy ? parseRetryAfter(res.headers.get('retry-after')) : undefined,
    detail: await serverSays(res),
  });
}

/** The reason a JSON error body gives (`message` or `error`), if it is small and says one. */
async function serverSays(res: Response): Promise<string | undefined> {
  try {
    if (!/json/i.test(res.headers.get('content-type') as string) || Number(res.headers.get('content-length')) > 4096) {
      await res.body?.cancel();
      return undefined;
    }
    const body = await res.json();
    const said = body?.message ?? body?.error;
    return typeof said === 'string' ? said : undefined;
  } catch {
    return undefined;
  }
}
