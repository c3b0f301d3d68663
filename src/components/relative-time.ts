/** Each unit with its size and the age from which it is used. */
const UNITS: [Intl.RelativeTimeFormatUnit, number, number][] = [
  ['day', 86_400_000, 86_400_000],
  ['hour', 3_600_000, 3_600_000],
  ['minute', 60_000, 60_000],
  ['second', 1000, 0],
];

/**
 * The count and unit for the age of something confirmed at `from` ("12 seconds", "3 minutes"),
 * and the moment (ms epoch) that text next changes, so one tick can be planned exactly then.
 */
export function relativeParts(from: number, now: number): { value: number; unit: Intl.RelativeTimeFormatUnit; next: number } {
  const age = Math.max(0, now - from);
  const [unit, size] = UNITS.find(([, , min]) => age >= min)!;
  const value = Math.floor(age / size);
  return { value, unit, next: from + (value + 1) * size };
}

/**
 * The count and unit for the time left until `to` ("3 minutes", rounded up: 2 min 10 s left is
 * "3 minutes"), and the moment (ms epoch) that text next changes.
 */
export function countdownParts(to: number, now: number): { value: number; unit: Intl.RelativeTimeFormatUnit; next: number } {
  const left = Math.max(0, to - now);
  const [unit, size] = UNITS.find(([, , min]) => left > min) ?? UNITS[UNITS.length - 1];
  const value = Math.ceil(left / size);
  return { value, unit, next: Math.min(to, to - (value - 1) * size) };
}
