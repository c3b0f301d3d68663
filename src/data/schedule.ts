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
 * - without a stream, `poll` after the end of the last fetch (never two at once);
 * - while a stream is down, `poll` (or 30 s) after the last fetch;
 * - while it is open, the stream carries the news: one conditional request when nothing has
 *   confirmed the data for a whole `ttl` (a quiet stream), or at the polling pace while a fetch
 *   keeps failing, so that the failure is tried again and not left on screen for good;
 * - never before the server's `Retry-After`; an ordinary fetch asked for during it, then.
 */
export function nextFetchAt(f: ScheduleFacts): number | null {
  if (!f.src) return null;
  if (f.owed) return f.notBefore;
  let due: number | null;
  if (f.stream && f.streamOpen) due = f.failing ? f.lastEnd + (f.poll || STREAM_DOWN_POLL) : Math.max(f.updatedAt ?? 0, f.lastEnd) + f.ttl;
  else if (f.stream) due = f.lastEnd + (f.poll || STREAM_DOWN_POLL);
  else due = f.poll > 0 ? f.lastEnd + f.poll : null;
  return due === null ? null : Math.max(due, f.notBefore);
}
