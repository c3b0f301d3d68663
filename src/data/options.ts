import { parseCacheMarker, readTime, type CacheMarker, type TimestampOption } from './age.js';
import { parseDuration, type Duration } from './duration.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
import type { Targets } from './health.js';
import { invalid } from './invalid.js';

export type StreamTransport = 'auto' | 'sse' | 'websocket';
const TRANSPORTS = ['auto', 'sse', 'websocket'];

export type HeadersOption = Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);

export interface SourceOptions<T = unknown> {
  /** What people call this source, in messages and diagnostics ("Orders"). Default: its name. */
  label?: string;
  /** The JSON URL, relative to the page. Without it the source only takes pushed data. */
  src?: string;
  /** Poll interval; 0 (default) polls never. */
  poll?: Duration;
  /** Age after which data is stale. Default: twice `poll`, else 5 minutes. */
  ttl?: Duration;
  /** Time allowed for one request. Default 15 s. */
  timeout?: Duration;
  /**
   * A URL to `POST` before each forced refresh (`refresh()`), for a server whose own cache ignores
   * `Cache-Control`: it drops its entry there, then the refetch rebuilds it. Sent with the
   * source's `headers` and `credentials`; a refusal or failure fails the refresh as a fetch's would.
   */
  purge?: string;
  retry?: { attempts?: number; base?: Duration; max?: Duration };
  /** Request headers, or a function called before each request (for tokens: never put them in attributes). */
  headers?: HeadersOption;
  credentials?: RequestCredentials;
  /** Data to show while nothing else is there. */
  fallback?: T;
  /**
   * Data the page already has, and when the server produced it (ms epoch or an ISO date): a
   * server render passes its data along, so the browser shows it at once, as live data of that
   * age, and fetches only when it is due (or stale).
   */
  initial?: { data: T; updatedAt: number | string };
  /**
   * The push stream's URL: its `<name>` events replace the data; `invalidate` refetches. Server-Sent
   * Events, or a WebSocket for `ws:`/`wss:` URLs (see `transport`). Several URLs (an array, or
   * separated by spaces) are the nodes of one deployment: a connection that cannot open on one
   * goes to the next, resuming from the last event id.
   */
  stream?: string | readonly string[];
  /**
   * `auto` (default): WebSocket for `ws:`/`wss:` URLs, else Server-Sent Events; `websocket`: a socket
   * on the stream URL's `ws:` twin; `sse`: Server-Sent Events only. A socket that cannot open falls
   * back to Server-Sent Events on the same URL, then to polling.
   */
  transport?: StreamTransport;
  /** Failed reconnections in a row after which the stream gives up and the source says so. Default: no limit. */
  reconnects?: number;
  /** The stream event type that carries this source's data. Default: the source's name. */
  event?: string;
  /** Reconnect a stream that sent nothing, not even a comment, for this long. Default 45 s. */
  heartbeat?: Duration;
  /** Close the stream when the page stays hidden this long. Default 60 s. */
  grace?: Duration;
  /** Keep the last good data in IndexedDB and show it at once on the next visit. */
  persist?: boolean;
  /** Keeps one user's cached data apart from another's on a shared device (a user id, say). */
  namespace?: string;
  /** Cached data older than this is not shown, and is removed. Default 24 h. */
  maxAge?: Duration;
  /** `shared` (default): one tab fetches for all same-origin tabs; `independent`: this tab works alone. */
  tabs?: 'shared' | 'independent';
  /**
   * Where the payload says when its data was produced (a dot path such as `generatedAt`, or a
   * function of the data): ms or seconds since the epoch, or an ISO date. Data is then never
   * younger than that.
   */
  timestamp?: TimestampOption<T>;
  /** A header that marks answers served from a server-side cache, as `"X-Cache: HIT"` (an `Age` above 0 always does). */
  cacheMarker?: string;
  /**
   * This source's health targets over the page's (`hit-rate 80%; latency 500ms`, or
   * `{ hitRate: 0.8, latency: 500 }`): judged by `$health` and `<live-diagnostics>`, which read
   * them when they load (a bad one is logged then, and the page's targets stand).
   */
  targets?: string | Partial<Targets>;
}

export interface ResolvedOptions<T = unknown> {
  label: string | undefined;
  src: string | undefined;
  poll: number;
  ttl: number;
  /** Whether ttl was given (else it follows poll). */
  ttlGiven: boolean;
  timeout: number;
  purge: string | undefined;
  retry: RetryPolicy;
  headers: HeadersOption | undefined;
  credentials: RequestCredentials | undefined;
  fallback: T | undefined;
  initial: { data: T; updatedAt: number } | undefined;
  stream: readonly string[] | undefined;
  transport: StreamTransport;
  reconnects: number;
  event: string | undefined;
  heartbeat: number;
  grace: number;
  persist: boolean;
  namespace: string;
  maxAge: number;
  tabs: 'shared' | 'independent';
  timestamp: TimestampOption<T> | undefined;
  cacheMarker: CacheMarker | undefined;
  /** As given: read by the health judgement, so a page without it does not carry the parser. */
  targets: string | Partial<Targets> | undefined;
}

export const DEFAULT_TTL = 5 * 60_000;
export const DEFAULT_TIMEOUT = 15_000;
export const DEFAULT_HEARTBEAT = 45_000;
export const DEFAULT_GRACE = 60_000;
export const DEFAULT_MAX_AGE = 86_400_000;
const CREDENTIALS = ['omit', 'same-origin', 'include'];

/**
 * Checks and normalises options. Each bad value throws a `TypeError` that names the option and
 * the value; `<live-source>` catches it per attribute, logs it and keeps the default.
 */
export function resolveOptions<T>(o: SourceOptions<T>, previous?: ResolvedOptions<T>): ResolvedOptions<T> {
  if (o === null || typeof o !== 'object') invalid('options', o);
  type K = keyof SourceOptions<T> & keyof ResolvedOptions<T>;
  const base: Partial<ResolvedOptions<T>> = previous ?? {};
  const has = (k: keyof SourceOptions<T>) => k in o && o[k] !== undefined;
  /** The option given, if `ok` takes it (else a TypeError), or the one in force, or `fallback`. */
  const take = <V>(k: K, ok: (v: never) => unknown, fallback?: V): V => {
    const v = has(k) ? o[k] : previous ? base[k] : fallback;
    if (has(k) && !ok(v as never)) invalid(k, v);
    return v as V;
  };
  /** A duration given (longer than 0 with `positive`), or the one in force, or `fallback`. */
  const duration = (k: 'poll' | 'timeout' | 'heartbeat' | 'grace' | 'maxAge', fallback: number, positive?: boolean): number => {
    const ms = has(k) ? parseDuration(o[k]!, k) : (base[k] ?? fallback);
    if (positive && !ms) invalid(k, o[k]);
    return ms;
  };
  const text = (v: unknown) => typeof v === 'string' && v.trim() !== '';
  const object = (v: unknown) => typeof v === 'object' && v !== null;
  const poll = duration('poll', 0);
  const explicitTtl = has('ttl') ? parseDuration(o.ttl!, 'ttl') : undefined;
  const ttlGiven = explicitTtl !== undefined || !!base.ttlGiven;
  const ttl = explicitTtl ?? (base.ttlGiven ? base.ttl! : poll > 0 ? 2 * poll : DEFAULT_TTL);
  const r = o.retry ?? {};
  if (typeof r !== 'object') invalid('retry', r);
  const was = base.retry ?? DEFAULT_RETRY;
  const attempts = r.attempts ?? was.attempts;
  if (!Number.isInteger(attempts) || attempts < 0) invalid('retry.attempts', attempts);
  let stream = has('stream') ? streamUrls(o.stream!) : base.stream;
  // The same list again is the same stream (a source restarts its stream only for another one).
  if (stream && base.stream && stream.join(' ') === base.stream.join(' ')) stream = base.stream;
  const reconnects = take<number>('reconnects', (v: number) => v === Infinity || (Number.isInteger(v) && v >= 0), Infinity);
  return {
    label: take('label', text),
    src: take('src', text),
    poll,
    ttl,
    ttlGiven,
    timeout: duration('timeout', DEFAULT_TIMEOUT, true),
    purge: take('purge', text),
    retry: {
      attempts,
      base: r.base !== undefined ? parseDuration(r.base, 'retry.base') : was.base,
      max: r.max !== undefined ? parseDuration(r.max, 'retry.max') : was.max,
    },
    headers: take('headers', (v) => typeof v === 'function' || object(v)),
    credentials: take('credentials', (v: string) => CREDENTIALS.includes(v)),
    fallback: take('fallback', () => true),
    initial: has('initial') ? initialData(o.initial!) : base.initial,
    stream,
    transport: take('transport', (v: string) => TRANSPORTS.includes(v), 'auto'),
    reconnects,
    event: take('event', text),
    heartbeat: duration('heartbeat', DEFAULT_HEARTBEAT, true),
    grace: duration('grace', DEFAULT_GRACE),
    persist: take('persist', (v) => typeof v === 'boolean', false),
    namespace: take('namespace', (v) => typeof v === 'string', ''),
    maxAge: duration('maxAge', DEFAULT_MAX_AGE),
    tabs: take('tabs', (v) => v === 'shared' || v === 'independent', 'shared'),
    timestamp: take('timestamp', (v) => typeof v === 'function' || text(v)),
    cacheMarker: has('cacheMarker') ? parseCacheMarker(String(o.cacheMarker)) : base.cacheMarker,
    targets: take('targets', (v) => typeof v === 'string' || object(v)),
  };
}

/** `initial`: its data and a readable time, or a TypeError. */
function initialData<T>(value: { data: T; updatedAt: number | string }): { data: T; updatedAt: number } {
  const updatedAt = value && typeof value === 'object' ? readTime(value.updatedAt) : undefined;
  if (updatedAt === undefined || !('data' in value)) invalid('initial', value);
  return { data: value.data, updatedAt };
}

/** One URL, several separated by spaces, or an array of them: the list, or a TypeError. */
function streamUrls(value: string | readonly string[]): readonly string[] {
  const urls = typeof value === 'string' ? value.split(/\s+/) : Array.isArray(value) ? value : null;
  if (!urls || urls.some((u) => typeof u !== 'string')) invalid('stream', value);
  const list = urls.map((u) => u.trim()).filter(Boolean);
  if (!list.length) invalid('stream', value);
  return Object.freeze(list);
}

/** The headers for one request: the object, or what the function returns now. */
export async function resolveHeaders(option: HeadersOption | undefined): Promise<Record<string, string>> {
  return (typeof option === 'function' ? await option() : option) ?? {};
}
