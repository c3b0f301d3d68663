import { invalid } from './invalid.js';
import { valueAt } from './path.js';

/** What an answer says about how old its data is. */
export interface AnswerTime {
  /** When it arrived (ms epoch, this browser's clock). */
  received: number;
  /** The same moment on the monotonic clock (`performance.now()`). */
  mono?: number | undefined;
  /** How old it was when it arrived, in ms: its `Age`, or more when its `Date` says so (0 without either). */
  age: number;
  /** Its `Date` header (ms epoch, the server's clock), when sent and readable. */
  date?: number | undefined;
}

/** `Date` counts whole seconds: differences within this are its precision, not a wrong clock. */
const PRECISION = 1000;
/** A `Date` this much older than the server's clock is a kept copy, not a first-hand answer (latency stays well under it). */
const COPY = 5000;

/**
 * The server's clock as one source knows it, kept against the monotonic clock (which no user or
 * NTP step moves): the furthest ahead of it that an answer's `Date` has been. A `Date` can only
 * be behind the server's clock when the answer arrives (by its latency, or by the time a cache
 * kept it), so the furthest is the best estimate, and a cached answer can never move it.
 */
export class ServerClock {
  /** The server's clock less `performance.now()`, in ms; -Infinity until an answer had a `Date`. */
  #ahead = -Infinity;
  /** Both clocks when last looked at: time the wall clock counted since and the monotonic one did not was slept. */
  #wall = 0;
  #mono = 0;

  /**
   * The monotonic clock stops while the device sleeps, and the server's does not: what it missed
   * is added. (A wall clock set forward by hand looks the same, and can only make data look older.)
   */
  #wake(wall: number, mono: number): void {
    const slept = wall - this.#wall - (mono - this.#mono);
    if (slept > PRECISION) this.#ahead += slept;
    this.#wall = wall;
    this.#mono = mono;
  }

  /**
   * Who answered, and how old its data was on arrival. A header's word comes first (`servedBy`);
   * else a `Date` more than `COPY` behind the server's clock, which only a kept copy can have
   * ('browser' when this page's service worker may have kept it, else a cache on the way). Only
   * an answer that is neither teaches the clock. The age is the larger of `Age` and how far its
   * `Date` is behind (RFC 9111's apparent age, in the server's own clock once one first-hand
   * answer told it; none within the header's precision).
   */
  judge(t: AnswerTime & { mono: number; servedBy: string | null }): { servedBy: string | null; age: number } {
    const { received, mono, date, age } = t;
    let by = t.servedBy;
    this.#wake(received, mono);
    // Where its `Date` puts the server's clock against the monotonic one.
    const at = date === undefined ? NaN : date + PRECISION / 2 - mono;
    // A copy a header names but does not age (no `Age`: nginx), before any first-hand answer told
    // the server's clock: aged by this browser's, as RFC 9111's apparent age is.
    const behind = (this.#ahead === -Infinity && by !== null && !age ? received - mono : this.#ahead) - at;
    const lag = behind > PRECISION ? behind : 0;
    if (by === null && lag > COPY) by = globalThis.navigator?.serviceWorker?.controller ? 'browser' : '';
    if (by === null && at > this.#ahead) this.#ahead = at;
    return { servedBy: by, age: Math.max(age, lag) };
  }

  /** How far the server's clock is ahead of this browser's wall clock now, in ms; 0 within the header's precision, or when unknown. */
  offset(): number {
    const wall = Date.now();
    const mono = performance.now();
    this.#wake(wall, mono);
    const offset = this.#ahead + mono - wall;
    return Number.isFinite(offset) && Math.abs(offset) > PRECISION ? offset : 0;
  }
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
  if (!m) return invalid('cacheMarker', value);
  return { header: m[1].toLowerCase(), token: m[2].toLowerCase() };
}

/**
 * An answer's `Age` in ms, as RFC 9111 §5.1 reads it: the first value of the field, digits only,
 * capped at 2³¹ s; 0 without a valid one.
 */
export function ageHeader(headers: Headers): number {
  const age = /^\s*(\d+)\s*(,|$)/.exec(headers.get('age') ?? '');
  return age ? Math.min(Number(age[1]), 2 ** 31) * 1000 : 0;
}

/**
 * The cache that served an answer, as its headers tell: the name `Cache-Status` gives the one
 * nearest the user that says `hit`, or '' when only an `Age` above 0 or the host's marker says a
 * cache did; null when no header says so.
 */
export async function servedBy(headers: Headers, marker: CacheMarker | undefined): Promise<string | null> {
  const status = headers.get('cache-status');
  // The parser loads only for an API that sends the header; one that cannot load leaves the other signs.
  const hop = status
    ? await import('./cache-status.js').then(
        (m) => m.servingCache(status),
        () => undefined,
      )
    : undefined;
  if (hop) return hop.name;
  if (ageHeader(headers) > 0) return '';
  const value = marker && headers.get(marker.header)?.toLowerCase();
  return value && value.split(/[\s,;]+/).includes(marker.token) ? '' : null;
}
