import { parseDuration } from './duration.js';
import { KEPT, type Counts } from './window.js';

/**
 * Health targets: what an operator promises about the data (hit rate, error rate, response
 * time, sync success), judged over a sliding window of recent figures. One pure function
 * judges; the store (`$health`) and the diagnostics panel only show its verdicts.
 */
export interface Targets {
  /** Least share of successful answers that no new work made (304s, caches on the way). */
  hitRate: number;
  /** Greatest share of requests that failed. */
  errorRate: number;
  /** Greatest mean response time, ms. */
  latency: number;
  /** Least share of fetches (with their retries) that ended in confirmed data. */
  syncSuccess: number;
  /** The sliding window, ms (at most 15 min). */
  window: number;
}

export type TargetKey = Exclude<keyof Targets, 'window'>;

/** The analytics dashboard's promises: hit rate above 90%, errors under 1%, mean response under 200 ms, syncs above 99%, over 5 minutes. */
export const DEFAULT_TARGETS: Readonly<Targets> = { hitRate: 0.9, errorRate: 0.01, latency: 200, syncSuccess: 0.99, window: 5 * 60_000 };

/** Which way each target points: at least, or at most. */
export const AT_LEAST: Readonly<Record<TargetKey, boolean>> = { hitRate: true, errorRate: false, latency: false, syncSuccess: true };

/** Fewer samples than this in the window say nothing: the verdict is `unknown`, never a pass. */
export const MIN_SAMPLES = 5;

export type Verdict = 'pass' | 'miss' | 'unknown';

export interface TargetResult {
  key: TargetKey;
  /** The figure over the window (a share 0–1, or ms); null without samples. */
  value: number | null;
  target: number;
  verdict: Verdict;
  /** How many requests (or fetches, for sync success) the figure stands on. */
  samples: number;
}

/** `failing`: the source has a failure not mended yet (its last fetch failed after its retries, or its only stream is down); `degraded`: a target is missed; `unknown`: too few samples to say. */
export type HealthStatus = 'ok' | 'degraded' | 'failing' | 'unknown';

export interface Judgement {
  status: HealthStatus;
  targets: TargetResult[];
}

/** The verdict on one source's recent figures. */
export function judge(counts: Counts, targets: Targets, failing: boolean): Judgement {
  const figures: Record<TargetKey, [value: number, samples: number]> = {
    hitRate: [counts.hits / counts.successes, counts.successes],
    errorRate: [counts.failures / counts.requests, counts.requests],
    latency: [counts.latency / counts.requests, counts.requests],
    syncSuccess: [(counts.cycles - counts.cycleFailures) / counts.cycles, counts.cycles],
  };
  const results = (Object.keys(AT_LEAST) as TargetKey[]).map((key): TargetResult => {
    const [value, samples] = figures[key];
    const target = targets[key];
    const verdict: Verdict = samples < MIN_SAMPLES ? 'unknown' : (AT_LEAST[key] ? value >= target : value <= target) ? 'pass' : 'miss';
    return { key, value: samples ? value : null, target, verdict, samples };
  });
  const status: HealthStatus = failing
    ? 'failing'
    : results.some((r) => r.verdict === 'miss')
      ? 'degraded'
      : results.some((r) => r.verdict === 'pass')
        ? 'ok'
        : 'unknown';
  return { status, targets: results };
}

const RANK: Record<HealthStatus, number> = { unknown: 0, ok: 1, degraded: 2, failing: 3 };

/** The page's health: its worst source's (`unknown` only when no source can say). */
export function worst(statuses: Iterable<HealthStatus>): HealthStatus {
  let result: HealthStatus = 'unknown';
  for (const s of statuses) if (RANK[s] > RANK[result]) result = s;
  return result;
}

/** The targets that are times (ms); the others are shares from 0 to 1. */
const isTime = (key: string) => key === 'latency' || key === 'window';

const NAMES: Record<string, keyof Targets> = {
  'hit-rate': 'hitRate',
  'error-rate': 'errorRate',
  latency: 'latency',
  'sync-success': 'syncSuccess',
  window: 'window',
};

/**
 * Targets written as in an attribute: `hit-rate 80%; latency 500ms; window 10m` (`;` or `,`
 * between them, a colon after the name allowed). Shares as `80%` or `0.8`; times as durations.
 * Throws a TypeError that says what is wrong.
 */
export function parseTargets(text: string): Partial<Targets> {
  const result: Partial<Targets> = {};
  for (const part of text.split(/[;,]/)) {
    if (!part.trim()) continue;
    const m = /^\s*([a-z-]+)\s*:?\s*(\S+)\s*$/.exec(part);
    const key = m && NAMES[m[1]];
    if (!m || !key) {
      throw new TypeError(
        `live-widgets: targets are "name value" pairs separated by ";" (names: ${Object.keys(NAMES).join(', ')}); got ${JSON.stringify(part.trim())}`,
      );
    }
    result[key] = isTime(key) ? parseDuration(m[2], key) : share(m[2], m[1]);
  }
  return checkTargets(result);
}

function share(text: string, name: string): number {
  const n = text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new TypeError(`live-widgets: the "${name}" target is a share such as 90% or 0.9; got ${JSON.stringify(text)}`);
  return n;
}

/** Targets given in JS, checked as those from an attribute are. */
export function checkTargets(targets: Partial<Targets>): Partial<Targets> {
  for (const [key, value] of Object.entries(targets)) {
    if (!(key in DEFAULT_TARGETS)) throw new TypeError(`live-widgets: unknown target "${key}"`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!isTime(key) && value > 1)) {
      throw new TypeError(`live-widgets: the "${key}" target must be ${isTime(key) ? 'a number of ms' : 'a share from 0 to 1'}; got ${String(value)}`);
    }
  }
  if (targets.window !== undefined && (targets.window < 10_000 || targets.window > KEPT)) {
    throw new TypeError(`live-widgets: the health window must be from 10s to 15m; got ${targets.window} ms`);
  }
  return targets;
}

/** Each layer's targets over the one before: defaults, then the page's, then the source's own. */
export function mergeTargets(...layers: (Partial<Targets> | undefined)[]): Targets {
  return Object.assign({}, DEFAULT_TARGETS, ...layers.filter(Boolean));
}
