import { computed, map } from 'nanostores';
import { shared } from '../shared.js';
import type { ErrorKind } from '../data/errors.js';

export interface SourceStats {
  requests: number;
  successes: number;
  failures: number;
  /** 304 answers: the server confirmed the data without sending it. */
  notModified: number;
  /** Failures since the last success. */
  failuresInRow: number;
  inFlight: number;
  bytes: number;
  /** ms of the last finished request. */
  lastLatency: number | null;
  latency: { median: number | null; p95: number | null; samples: number };
  lastErrorKind: ErrorKind | null;
  /** Updates that came by stream or `push()`, not by a request. */
  pushes: number;
  cacheReads: number;
  cacheWrites: number;
  cacheFailures: number;
  /** Why the offline cache last failed (the source then works from memory). */
  cacheError: string | null;
}

export type Totals = Pick<SourceStats, 'requests' | 'successes' | 'failures' | 'notModified' | 'inFlight' | 'bytes' | 'pushes'> & {
  hitRate: number | null;
};

/** Per source request figures; what the diagnostics panel reads. */
export const $diagnostics = shared('diagnostics', () => map<Record<string, SourceStats | undefined>>({}));

const WINDOW = 100;
const samples = shared('latencySamples', () => new Map<string, number[]>());

const empty = (): SourceStats => ({
  requests: 0,
  successes: 0,
  failures: 0,
  notModified: 0,
  failuresInRow: 0,
  inFlight: 0,
  bytes: 0,
  lastLatency: null,
  latency: { median: null, p95: null, samples: 0 },
  lastErrorKind: null,
  pushes: 0,
  cacheReads: 0,
  cacheWrites: 0,
  cacheFailures: 0,
  cacheError: null,
});

function update(name: string, change: (s: SourceStats) => Partial<SourceStats>): void {
  const current = $diagnostics.get()[name] ?? empty();
  $diagnostics.setKey(name, { ...current, ...change(current) });
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

export function recordStart(name: string): void {
  update(name, (s) => ({ requests: s.requests + 1, inFlight: s.inFlight + 1 }));
}

export type Outcome = { ok: true; notModified: boolean; bytes: number } | { ok: false; kind: ErrorKind };

export function recordEnd(name: string, latency: number, outcome: Outcome): void {
  if (!outcome.ok && outcome.kind === 'aborted') {
    update(name, (s) => ({ inFlight: Math.max(0, s.inFlight - 1) }));
    return;
  }
  const list = samples.get(name) ?? [];
  list.push(latency);
  if (list.length > WINDOW) list.shift();
  samples.set(name, list);
  const sorted = [...list].sort((a, b) => a - b);
  update(name, (s) => ({
    inFlight: Math.max(0, s.inFlight - 1),
    lastLatency: latency,
    latency: { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), samples: sorted.length },
    ...(outcome.ok
      ? {
          successes: s.successes + 1,
          notModified: s.notModified + (outcome.notModified ? 1 : 0),
          bytes: s.bytes + outcome.bytes,
          failuresInRow: 0,
        }
      : { failures: s.failures + 1, failuresInRow: s.failuresInRow + 1, lastErrorKind: outcome.kind }),
  }));
}

export function recordPush(name: string): void {
  update(name, (s) => ({ pushes: s.pushes + 1 }));
}

export function recordCache(name: string, what: 'read' | 'write' | 'failure', error?: string): void {
  update(name, (s) =>
    what === 'read'
      ? { cacheReads: s.cacheReads + 1 }
      : what === 'write'
        ? { cacheWrites: s.cacheWrites + 1 }
        : { cacheFailures: s.cacheFailures + 1, cacheError: error ?? null },
  );
}

/** A follower tab shows the leader's figures for a source it does not fetch itself. */
export function replaceStats(name: string, stats: SourceStats): void {
  $diagnostics.setKey(name, stats);
}

/** Forget a source's figures (when it goes away). */
export function forgetStats(name: string): void {
  samples.delete(name);
  $diagnostics.setKey(name, undefined);
}

/** Figures summed over every source; hit rate is 304s over successes. */
export const $totals = computed($diagnostics, (all): Totals => {
  const t = { requests: 0, successes: 0, failures: 0, notModified: 0, inFlight: 0, bytes: 0, pushes: 0 };
  for (const s of Object.values(all)) {
    if (!s) continue;
    for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] += s[k];
  }
  return { ...t, hitRate: t.successes ? t.notModified / t.successes : null };
});
