import { deadline, remaining, type Deadline } from './clock.js';

/** How often a source with a stream but no `poll` polls while its stream is down, or while a fetch of it fails. */
export const STREAM_DOWN_POLL = 30_000;

export interface ScheduleFacts {
  src: string | undefined;
  poll: number;
  ttl: number;
  /** It has a stream. */
  stream: boolean;
  streamOpen: boolean;
  /** Its last fetch failed (and nothing has mended it since). */
  failing: boolean;
  /** When the last fetch ended (ms epoch; 0 before the first). */
  lastEnd: number;
  /** The server asked for no request before this (`Retry-After`). */
  notBefore: number;
  /** An ordinary fetch was asked for meanwhile: it is made as soon as the server allows. */
  owed: boolean;
  updatedAt: number | null;
}

/** Whether it polls now: a `src`, and an interval in force (a stream's source polls while its stream is down). */
export function polls(f: Pick<ScheduleFacts, 'src' | 'poll' | 'stream' | 'streamOpen'>): boolean {
  return !!f.src && (f.stream ? !f.streamOpen : f.poll > 0);
}

/**
 * When the next ordinary fetch is due (ms epoch), or null when none is. The one polling policy:
 * - without a stream, `poll` after the end of the last fetch (never two at once), or before any,
 *   after the data's last confirmation;
 * - while a stream is down, `poll` (or 30 s) after the last fetch;
 * - while it is open, the stream carries the news: one conditional request when nothing has
 *   confirmed the data for a whole `ttl` (a quiet stream), or at the polling pace while a fetch
 *   keeps failing, so that the failure is tried again and not left on screen for good;
 * - never before the server's `Retry-After`; an ordinary fetch asked for during it, then.
 */
export function nextFetchAt(f: ScheduleFacts): number | null {
  if (!f.src) return null;
  if (f.owed) return f.notBefore;
  // Before this tab's first fetch, the pace counts from the data's last confirmation (data a
  // server render passed along, or a leader's before this tab took over).
  const since = f.lastEnd || (f.updatedAt ?? 0);
  let due: number | null;
  if (f.stream && f.streamOpen) due = f.failing ? since + (f.poll || STREAM_DOWN_POLL) : Math.max(f.updatedAt ?? 0, f.lastEnd) + f.ttl;
  else if (f.stream) due = since + (f.poll || STREAM_DOWN_POLL);
  else due = f.poll > 0 ? since + f.poll : null;
  return due === null ? null : Math.max(due, f.notBefore);
}

/** What a source knows that decides its next fetch; the plan adds its own (the last end, Retry-After, a fetch owed). */
export type PlanFacts = Omit<ScheduleFacts, 'lastEnd' | 'notBefore' | 'owed'>;

/**
 * A source's plan for its next ordinary fetch: one timer, when the last fetch ended, and the
 * server's Retry-After (on both clocks), with a fetch owed when one was asked for during it.
 */
export class PollPlan {
  /** When the last fetch ended (ms epoch; 0 before the first). */
  lastEnd = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #quiet: Deadline | null = null;
  #owed = false;

  constructor(private readonly due: () => void) {}

  /** The server asked for no request for `ms`; 0: it answered, the wait is over. */
  quiet(ms: number): void {
    this.#quiet = ms > 0 ? deadline(ms) : null;
  }

  /** Whether an ordinary fetch asked for now must wait for the server; if so, it is owed and made when allowed. */
  holds(): boolean {
    if (!this.#quiet || remaining(this.#quiet) === 0) return false;
    return (this.#owed = true);
  }

  /** A fetch starts: nothing is owed any more. */
  started(): void {
    this.clear();
    this.#owed = false;
  }

  ended(): void {
    this.lastEnd = Date.now();
  }

  /** When the next fetch is due (ms epoch), or null. */
  next(facts: PlanFacts): number | null {
    const notBefore = this.#quiet ? Date.now() + remaining(this.#quiet) : 0;
    return nextFetchAt({ ...facts, lastEnd: this.lastEnd, notBefore, owed: this.#owed });
  }

  /** Arms the one timer for the next fetch (when it may fetch at all now); returns when it is due, or null. */
  arm(facts: PlanFacts, may: boolean): number | null {
    this.clear();
    const at = may ? this.next(facts) : null;
    if (at !== null) {
      this.#timer = setTimeout(
        () => {
          this.#timer = undefined;
          this.due();
        },
        Math.max(0, at - Date.now()),
      );
    }
    return at;
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
