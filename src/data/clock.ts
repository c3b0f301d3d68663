/**
 * Deadlines on both of the page's clocks: the wall clock (`Date.now()`), which a user or NTP may
 * set, and the monotonic one (`performance.now()`), which never jumps.
 */
export interface Deadline {
  wall: number;
  mono: number;
}

/** The moment `ms` from now. */
export function deadline(ms: number): Deadline {
  return { wall: Date.now() + ms, mono: performance.now() + ms };
}

/** ms until a deadline has passed by both clocks: a wall clock set forward cannot make it come early. */
export function remaining(d: Deadline): number {
  return Math.max(0, d.wall - Date.now(), d.mono - performance.now());
}
