import { invalid } from './invalid.js';

/** A duration: milliseconds as a number, or a string such as `500ms`, `15s`, `1m`, `2h`, `1d` (a bare number is ms). */
export type Duration = number | string;

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PATTERN = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i;

/**
 * Reads a duration option. Throws a `TypeError` naming the option and the value, so that
 * `poll="banana"` says exactly what is wrong and where.
 */
export function parseDuration(value: Duration, option: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value;
  } else if (typeof value === 'string') {
    const m = PATTERN.exec(value);
    if (m) return Math.round(Number(m[1]) * UNITS[(m[2] ?? 'ms').toLowerCase()]);
  }
  return invalid(option, value, 'duration');
}
