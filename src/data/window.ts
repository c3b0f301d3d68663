/**
 * Recent figures in time buckets, so targets are judged over a sliding window (the last five
 * minutes, say) and not over the page's whole life. Buckets are 10 s wide and kept for 15 min: a
 * window slides in 10 s steps, a source polled every 30 s keeps at most 90 small buckets, and the
 * list crosses to other tabs with the rest of the figures.
 */
export interface Counts {
  /** Requests that finished (aborted ones are not counted). */
  requests: number;
  failures: number;
  successes: number;
  /** Successful answers no new work made: 304s, and answers a cache on the way served. */
  hits: number;
  /** Sum of the finished requests' durations, ms. */
  latency: number;
  /** Fetches with their retries that ended: confirmed data, or an error after the last try. */
  cycles: number;
  cycleFailures: number;
}

export interface Bucket extends Counts {
  /** Start of the bucket, ms epoch. */
  at: number;
}

export const BUCKET = 10_000;
export const KEPT = 15 * 60_000;

export const noCounts = (): Counts => ({ requests: 0, failures: 0, successes: 0, hits: 0, latency: 0, cycles: 0, cycleFailures: 0 });

/** The buckets with `change` added at time `now`, without those older than what is kept. A new list: the old one is not changed. */
export function addTo(recent: readonly Bucket[], now: number, change: Partial<Counts>): Bucket[] {
  const at = Math.floor(now / BUCKET) * BUCKET;
  const kept = recent.filter((b) => b.at > now - KEPT);
  const last = kept[kept.length - 1];
  const bucket = last?.at === at ? { ...last } : { at, ...noCounts() };
  for (const key of Object.keys(change) as (keyof Counts)[]) bucket[key] += change[key] ?? 0;
  return last?.at === at ? [...kept.slice(0, -1), bucket] : [...kept, bucket];
}

/** The figures of the buckets that began within `span` ms before `now`. */
export function countsOver(recent: readonly Bucket[], now: number, span: number): Counts {
  const sum = noCounts();
  for (const b of recent) {
    if (b.at + BUCKET <= now - span || b.at > now) continue;
    for (const key of Object.keys(sum) as (keyof Counts)[]) sum[key] += b[key];
  }
  return sum;
}

/** When the oldest bucket within the window leaves it (ms epoch), so a judgement can be renewed then; null when none is in it. */
export function nextChange(recent: readonly Bucket[], now: number, span: number): number | null {
  const inside = recent.filter((b) => b.at + BUCKET > now - span);
  return inside.length ? inside[0].at + BUCKET + span : null;
}
