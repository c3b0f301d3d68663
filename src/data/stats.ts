import { shared } from '../shared.js';
import type { ErrorKind } from './errors.js';
import { addTo } from './window.js';
import { publishStats, type SourceStats } from './figures.js';

/**
 * Each source's request figures, kept here and published to `$diagnostics`: the data layer
 * writes that store and never reads it back. Loaded only once something watches the figures
 * (stats-hook.ts), and called through it as `stats()?.start(name)`: property names the minifier
 * keeps, hence short ones.
 */
const figures = shared('figures', () => new Map<string, SourceStats>());
const samples = shared('latencySamples', () => new Map<string, number[]>());
const WINDOW = 100;

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
  recent: [],
});

function update(name: string, change: (s: SourceStats) => Partial<SourceStats>): void {
  const current = figures.get(name) ?? empty();
  const next = { ...current, ...change(current) };
  figures.set(name, next);
  publishStats(name, next);
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** A source's figures as they stand, for the tab that hands them to its followers. */
export function of(name: string): SourceStats | undefined {
  return figures.get(name);
}

export function start(name: string): void {
  update(name, (s) => ({ requests: s.requests + 1, inFlight: s.inFlight + 1 }));
}

export type Outcome = { ok: true; notModified: boolean; cached: boolean; bytes: number } | { ok: false; kind: ErrorKind };

export function end(name: string, latency: number, outcome: Outcome): void {
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
    recent: addTo(s.recent, Date.now(), {
      requests: 1,
      latency,
      ...(outcome.ok ? { successes: 1, hits: outcome.notModified || outcome.cached ? 1 : 0 } : { failures: 1 }),
    }),
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

/** A fetch with its retries ended: in confirmed data, or in an error after the last try. */
export function cycle(name: string, ok: boolean): void {
  update(name, (s) => ({ recent: addTo(s.recent, Date.now(), { cycles: 1, cycleFailures: ok ? 0 : 1 }) }));
}

export function push(name: string): void {
  update(name, (s) => ({ pushes: s.pushes + 1 }));
}

export function cache(name: string, what: 'read' | 'write' | 'failure', error?: string): void {
  update(name, (s) =>
    what === 'read'
      ? { cacheReads: s.cacheReads + 1 }
      : what === 'write'
        ? { cacheWrites: s.cacheWrites + 1 }
        : { cacheFailures: s.cacheFailures + 1, cacheError: error ?? null },
  );
}

/** A follower tab shows the leader's figures for a source it does not fetch itself. */
export function replace(name: string, stats: SourceStats): void {
  figures.set(name, stats);
  publishStats(name, stats);
}

/** Forget a source's figures (when it goes away). */
export function forget(name: string): void {
  samples.delete(name);
  figures.delete(name);
  publishStats(name, undefined);
}
