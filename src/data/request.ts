import { liveError, type LiveError } from './errors.js';
import { parseRetryAfter } from './retry.js';

export interface RequestOptions {
  source: string;
  url: string;
  attempt: number;
  headers: Record<string, string>;
  credentials?: RequestCredentials | undefined;
  timeout: number;
  /** Bust every cache on the way: `_t=<now>` in the query, `cache: 'no-store'`, no validators. */
  force: boolean;
  etag?: string | undefined;
  lastModified?: string | undefined;
  /** Aborted when the source stops. */
  signal?: AbortSignal | undefined;
}

export type RequestResult =
  | { kind: 'data'; data: unknown; etag?: string | undefined; lastModified?: string | undefined; bytes: number; status: number }
  | { kind: 'not-modified'; bytes: 0; status: 304 };

/** The URL to request: relative to the page, with `_t` for a forced refresh. */
export function requestUrl(src: string, force: boolean, now = Date.now()): string {
  const url = new URL(src, globalThis.document?.baseURI ?? globalThis.location?.href);
  if (force) url.searchParams.set('_t', String(now));
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
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, o.timeout);
  const onStop = () => controller.abort();
  o.signal?.addEventListener('abort', onStop);
  const failure = (): LiveError =>
    liveError(timedOut ? 'timeout' : controller.signal.aborted ? 'aborted' : 'network', facts);

  try {
    if (o.signal?.aborted) throw liveError('aborted', facts);
    let res: Response;
    try {
      res = await fetch(url, {
        headers,
        credentials: o.credentials,
        cache: o.force ? 'no-store' : 'default',
        signal: controller.signal,
      });
    } catch {
      throw failure();
    }
    if (res.status === 304) return { kind: 'not-modified', bytes: 0, status: 304 };
    if (!res.ok) {
      const status = res.status;
      const rateLimited = status === 429 || status === 503;
      throw liveError(rateLimited ? 'rate-limited' : 'http', {
        ...facts,
        status,
        retryAfter: rateLimited ? parseRetryAfter(res.headers.get('retry-after')) : undefined,
        detail: await serverSays(res),
      });
    }
    let body: ArrayBuffer;
    try {
      body = await res.arrayBuffer();
    } catch {
      if (timedOut || controller.signal.aborted) throw failure();
      throw liveError('network', { ...facts, message: 'The connection broke while the answer was arriving.' });
    }
    const type = res.headers.get('content-type') ?? '';
    if (/html|xml/i.test(type)) {
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
      etag: res.headers.get('etag') ?? undefined,
      lastModified: res.headers.get('last-modified') ?? undefined,
      bytes: body.byteLength,
      status: res.status,
    };
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onStop);
  }
}

/** The reason a JSON error body gives (`message` or `error`), if it is small and says one. */
async function serverSays(res: Response): Promise<string | undefined> {
  try {
    if (!/json/i.test(res.headers.get('content-type') ?? '') || Number(res.headers.get('content-length') ?? 0) > 4096) {
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
