export type FreshnessStatus = 'fresh' | 'aging' | 'stale';

export interface Freshness {
  /** ms since the server last confirmed the data (Infinity when it never has). */
  age: number;
  /** ms until the data turns stale (0 once it is). */
  remaining: number;
  /** age / ttl: 0 just confirmed, 1 and above stale. */
  ratio: number;
  /** `aging` from half the ttl on: with the default ttl, a poll is due. */
  status: FreshnessStatus;
}

/** How fresh data confirmed at `updatedAt` is, for a given ttl. Never-confirmed data is stale. */
export function freshness(state: { updatedAt: number | null; ttl: number }, now = Date.now()): Freshness {
  const { updatedAt, ttl } = state;
  if (updatedAt === null) return { age: Infinity, remaining: 0, ratio: Infinity, status: 'stale' };
  const age = Math.max(0, now - updatedAt);
  const ratio = ttl > 0 ? age / ttl : Infinity;
  return {
    age,
    remaining: Math.max(0, ttl - age),
    ratio,
    status: ratio >= 1 ? 'stale' : ratio >= 0.5 ? 'aging' : 'fresh',
  };
}
