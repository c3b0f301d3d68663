import type { LiveError } from './errors.js';
import type { SourceConnection, SourceOrigin, SourceState, SourceStatus } from './state.js';

/**
 * A source's state machine: every fact that decides what its elements may say, changed only by
 * `transition` with a named event, and shown only through `view`. `Source` sends the events;
 * nothing else writes a source's status, origin, data or error.
 *
 * ```
 *   stopped ──started──▶ working ◀──led── following ◀──started── stopped
 *                         │    ▲  ──followed──▶ (the leader tab's state is shown)
 *            fetchStarted │    │ confirmed / superseded / failed(final) / cycleEnded
 *                         ▼    │
 *                        cycle ──failed──▶ cycle with fetchError and retryAt (retrying)
 * ```
 */

/** The source's stream, as far as it knows: `down` lost and reconnecting, `closed` while hidden. */
export type StreamPhase = 'none' | 'connecting' | 'open' | 'down' | 'failed' | 'closed';

export interface Model<T = unknown> {
  run: 'stopped' | 'working' | 'following';
  data: T | undefined;
  origin: SourceOrigin;
  /** The cache that served the data, when one did (see `SourceState.servedBy`). */
  servedBy: string | null;
  updatedAt: number | null;
  /** `performance.now()` at the moment `updatedAt` names: ages count on it too, so a wall clock set back cannot make data look younger. */
  mono: number;
  ttl: number;
  /** It has a `src` to fetch. */
  fetches: boolean;
  /** It plans polls now (a `src` and an interval in force). */
  polls: boolean;
  /** A fetch cycle (a request and its retries) is running. */
  cycle: boolean;
  /** The last failure of its own fetch, until a fetch succeeds. */
  fetchError: LiveError | null;
  /** When the next fetch after `fetchError` is due. */
  retryAt: number | null;
  /** The last fetch could not reach the server. */
  unreachable: boolean;
  /** A stream message that could not be read, until a readable one comes. */
  pushError: LiveError | null;
  stream: StreamPhase;
  streamError: LiveError | null;
  streamRetryAt: number | null;
  /** The browser says it is offline. */
  offline: boolean;
  /** Every tab that shows this source is hidden. */
  hidden: boolean;
  /** The leader tab's state, while following. */
  leader: SourceState<T> | null;
}

export interface Clock {
  now: number;
  mono: number;
}

export type SourceEvent<T = unknown> =
  /** Subscribers came: it works, or follows the tab that works for it. */
  | { type: 'started'; following: boolean }
  /** This tab works for the source now (elected, or alone). */
  | { type: 'led' }
  /** Another tab works for it now: this one shows that tab's state. */
  | { type: 'followed' }
  | { type: 'stopped' }
  /** Data saved on this device, shown until something better comes. */
  | { type: 'hydrated'; data: T; updatedAt: number }
  | { type: 'fetchStarted' }
  /** The server answered (200 with `data`, 304 without), confirmed at `at`; first-hand, or through the cache `servedBy` names. */
  | { type: 'confirmed'; data?: T; at: number; servedBy: string | null }
  /** An answer came after newer pushed data: the data stays, the fetch succeeded. */
  | { type: 'superseded' }
  /** A try failed; another follows at `retryAt` (null: none planned), or the cycle ended (`final`). */
  | { type: 'failed'; error: LiveError; retryAt: number | null; final: boolean }
  /** The cycle stopped without an answer (the source stopped). */
  | { type: 'cycleEnded' }
  /** Data from the stream or `push()`, produced at `at`. */
  | { type: 'pushed'; data: T; at: number }
  | { type: 'pushUnreadable'; error: LiveError }
  | { type: 'streamChanged'; phase: StreamPhase; error: LiveError | null; retryAt: number | null }
  | { type: 'connectivity'; offline: boolean }
  | { type: 'visibility'; hidden: boolean }
  /** The schedule changed: whether it fetches and polls, and when the next fetch after a failure is due. */
  | { type: 'planned'; fetches: boolean; polls: boolean; retryAt?: number | null }
  /**
   * Its options changed (`configure`): its `ttl`; and, for another user's (a new `namespace`), what
   * the last one had is gone, as if the source were new (sent while it is stopped).
   */
  | { type: 'configured'; ttl: number; user: boolean; fallback: T | undefined }
  | { type: 'leaderState'; state: SourceState<T> };

/** No fetch out and none failed: after an answer, and where this tab does not fetch. */
const FETCH_SETTLED = { cycle: false, fetchError: null, retryAt: null, unreachable: false } as const;
/** No stream of its own, no leader's state: where this tab does not stream. */
const NO_STREAM = { stream: 'none', streamError: null, streamRetryAt: null, leader: null } as const;

export function initialModel<T>(ttl: number, fallback: T | undefined): Model<T> {
  return {
    ...FETCH_SETTLED,
    ...NO_STREAM,
    run: 'stopped',
    data: fallback,
    origin: fallback === undefined ? 'none' : 'fallback',
    servedBy: null,
    updatedAt: null,
    mono: 0,
    ttl,
    fetches: false,
    polls: false,
    pushError: null,
    offline: false,
    hidden: false,
  };
}

/** The monotonic moment of a wall-clock time, as seen now. */
const monoOf = (at: number, clock: Clock) => clock.mono - Math.max(0, clock.now - at);

export function transition<T>(m: Model<T>, e: SourceEvent<T>, clock: Clock): Model<T> {
  switch (e.type) {
    case 'started':
      return { ...m, run: e.following ? 'following' : 'working', leader: null };
    case 'led':
      // A failure the old leader saw is not mended until this tab's own fetch succeeds.
      return { ...m, run: 'working', fetchError: m.run === 'following' ? (m.leader?.error ?? null) : m.fetchError, leader: null };
    case 'followed':
      return { ...m, ...FETCH_SETTLED, ...NO_STREAM, run: 'following', pushError: null };
    case 'stopped':
      return { ...m, ...NO_STREAM, run: 'stopped', cycle: false, retryAt: null };
    case 'hydrated':
      // Only what the server or the leader has not bettered yet.
      if (m.origin === 'live' || m.origin === 'server-cache' || m.origin === 'cache') return m;
      return { ...m, data: e.data, origin: 'cache', servedBy: null, updatedAt: e.updatedAt, mono: monoOf(e.updatedAt, clock) };
    case 'fetchStarted':
      return { ...m, cycle: true, retryAt: null };
    case 'confirmed': {
      const settled = { ...m, ...FETCH_SETTLED };
      // A cache's answer older than what is on screen confirms nothing new; a first-hand one always wins.
      if (e.servedBy !== null && m.updatedAt !== null && e.at < m.updatedAt) return settled;
      const at = Math.min(e.at, clock.now);
      const data = 'data' in e ? e.data : m.data;
      return { ...settled, data, origin: e.servedBy === null ? 'live' : 'server-cache', servedBy: e.servedBy, updatedAt: at, mono: monoOf(at, clock) };
    }
    case 'superseded':
      return { ...m, ...FETCH_SETTLED };
    case 'failed':
      return { ...m, cycle: !e.final, fetchError: e.error, retryAt: e.retryAt, unreachable: e.error.kind === 'network' };
    case 'cycleEnded':
      return { ...m, cycle: false };
    case 'pushed': {
      const at = Math.min(e.at, clock.now);
      return { ...m, data: e.data, origin: 'live', servedBy: null, updatedAt: at, mono: monoOf(at, clock), pushError: null };
    }
    case 'pushUnreadable':
      return { ...m, pushError: e.error };
    case 'streamChanged':
      return { ...m, stream: e.phase, streamError: e.error, streamRetryAt: e.retryAt };
    case 'connectivity':
      return { ...m, offline: e.offline, unreachable: e.offline ? m.unreachable : false };
    case 'visibility':
      return { ...m, hidden: e.hidden };
    case 'planned':
      return { ...m, fetches: e.fetches, polls: e.polls, retryAt: e.retryAt === undefined ? m.retryAt : e.retryAt };
    case 'configured':
      return e.user ? initialModel(e.ttl, e.fallback) : { ...m, ttl: e.ttl };
    case 'leaderState': {
      const { data, origin, servedBy, updatedAt, ttl } = e.state;
      return { ...m, leader: e.state, data, origin, servedBy, updatedAt, ttl, mono: updatedAt === null ? 0 : monoOf(updatedAt, clock) };
    }
  }
}

/** The failure that is not mended yet, for the elements: its own fetch first, then the stream it lives on. */
function error(m: Model): LiveError | null {
  if (m.fetchError) return m.fetchError;
  if (m.pushError) return m.pushError;
  // Without a src, the stream is the only channel: while it is down or gone, that is the failure.
  if (!m.fetches && (m.stream === 'down' || m.stream === 'failed')) return m.streamError;
  return null;
}

function status(m: Model): SourceStatus {
  if (m.cycle) return m.fetchError ? 'retrying' : m.data === undefined ? 'loading' : 'refreshing';
  if (error(m)) return m.stream === 'down' && !m.fetchError ? 'retrying' : 'error';
  // Working with a src and nothing yet: the first fetch is on its way (it may wait for the cache first).
  if (m.run === 'working' && m.fetches && m.data === undefined) return 'loading';
  return 'idle';
}

function connection(m: Model): SourceConnection {
  if (m.run === 'stopped') return 'idle';
  if (m.offline) return 'offline';
  if (m.hidden) return 'paused';
  if (m.stream === 'open') return 'streaming';
  if (m.unreachable) return 'offline';
  if (m.stream === 'connecting') return 'connecting';
  if (m.stream === 'down') return 'reconnecting';
  return m.polls ? 'polling' : 'idle';
}

/** A wall clock that fell this far behind the monotonic one was set back. */
const CLOCK_JUMP = 5000;

/**
 * The age of the data now, by the wall clock; by the monotonic clock when the wall clock was set
 * back since (it would make the data look younger than it is).
 */
export function ageOf(m: Pick<Model, 'updatedAt' | 'mono'>, clock: Clock): number {
  if (m.updatedAt === null) return Infinity;
  const wall = clock.now - m.updatedAt;
  const mono = clock.mono - m.mono;
  return Math.max(0, mono > wall + CLOCK_JUMP ? mono : wall);
}

/** What the source says of itself: the public state, derived from the model alone. */
export function view<T>(m: Model<T>, clock: Clock): SourceState<T> {
  const age = ageOf(m, clock);
  // A wall clock set back would make `updatedAt` name a later moment than the truth: say the true age.
  const updatedAt = m.updatedAt === null ? null : Math.min(m.updatedAt, clock.now - age);
  const stale = m.data !== undefined && age >= m.ttl;
  // What it shows, whoever fetched it.
  const shown = { data: m.data, origin: m.origin, servedBy: m.servedBy, updatedAt, stale, ttl: m.ttl };
  if (m.run === 'following') {
    const l = m.leader;
    // Not heard from the leader yet: it loads, or shows what this device had meanwhile.
    const s: SourceStatus = m.data === undefined || m.origin === 'fallback' ? 'loading' : 'refreshing';
    return l ? { ...l, ...shown } : { ...shown, status: s, error: null, retryAt: null, connection: 'idle' };
  }
  return {
    ...shown,
    status: status(m),
    error: error(m),
    // When it tries again: its fetch after a failure, else its stream while lost.
    retryAt: m.fetchError ? m.retryAt : m.stream === 'down' ? m.streamRetryAt : null,
    connection: connection(m),
  };
}

/** When the public state changes by time alone: the moment the data turns stale. */
export function staleAt(m: Model, clock: Clock): number | null {
  if (m.data === undefined || m.updatedAt === null) return null;
  const age = ageOf(m, clock);
  return age >= m.ttl ? null : clock.now + (m.ttl - age);
}
