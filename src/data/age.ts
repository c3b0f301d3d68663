import { valueAt } from './path.js';

/** What an answer says about how old its data is. */
export interface AnswerTime {
  /** When it arrived (ms epoch, this browser's clock). */
  received: number;
  /** Its `Age` header in ms: the time it spent in caches on the way (0 without one). */
  age: number;
  /** Its `Date` header (ms epoch, the server's clock), when sent and readable. */
  date?: number | undefined;
}

/** `Date` counts whole seconds: offsets within this are its precision, not a wrong clock. */
const PRECISION = 1000;

/**
 * How far the server's clock is ahead of this browser's, in ms, from an answer's `Date` (the
 * second the origin made it) and `Age` (how long it sat in caches since); 0 when they agree
 * within the header's precision, or when there is no `Date`.
 */
export function clockOffset(t: AnswerTime): number {
  if (t.date === undefined || !Number.isFinite(t.date)) return 0;
  const offset = t.date + PRECISION / 2 + t.age - t.received;
  return Math.abs(offset) <= PRECISION ? 0 : offset;
}

/**
 * When the origin produced or last confirmed an answer's data, in this browser's clock: its
 * arrival less its `Age`, and no later than the payload's own timestamp (in the server's clock,
 * so shifted by `offset`) when the host names one. Never later than its arrival.
 */
export function confirmedAt(t: AnswerTime, offset = 0, payloadTime?: number): number {
  let at = t.received - t.age;
  if (payloadTime !== undefined) at = Math.min(at, payloadTime - offset);
  return Math.min(at, t.received);
}

/** A timestamp: ms since the epoch, seconds since the epoch (under 10¹¹), an ISO date string or a Date. */
export function readTime(value: unknown): number | undefined {
  if (value instanceof Date) value = value.getTime();
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? (value < 1e11 ? value * 1000 : value) : undefined;
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

/** Where a payload keeps the time its data was produced: a dot path, or a function. */
export type TimestampOption<T = unknown> = string | ((data: T) => unknown);

/** The payload's own timestamp, read through the host's `timestamp` option; undefined when it has none readable. */
export function payloadTime<T>(data: T | undefined, option: TimestampOption<T> | undefined): number | undefined {
  if (option === undefined || data === undefined) return undefined;
  try {
    return readTime(typeof option === 'function' ? option(data as T) : valueAt(data, option));
  } catch {
    return undefined;
  }
}

/** A header that marks an answer served from a cache, as `Header: token` (`X-Cache: HIT`). */
export interface CacheMarker {
  header: string;
  token: string;
}

/** Reads `cacheMarker` ("X-Cache: HIT"); throws on anything else. */
export function parseCacheMarker(value: string): CacheMarker {
  const m = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(\S(?:.*\S)?)\s*$/.exec(value);
  if (!m) throw new TypeError(`live-widgets: "cacheMarker" must be a header and a value such as "X-Cache: HIT"; got ${JSON.stringify(value)}`);
  return { header: m[1].toLowerCase(), token: m[2].toLowerCase() };
}

/** Whether an answer's headers say a cache served it: an `Age` above 0, or the marker's token as a word of its header. */
export function servedFromCache(headers: Headers, marker: CacheMarker | undefined): boolean {
  if (Number(headers.get('age')) > 0) return true;
  if (!marker) return false;
  const value = headers.get(marker.header)?.toLowerCase();
  return !!value && value.split(/[\s,;]+/).includes(marker.token);
}
