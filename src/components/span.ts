import { numberFormat } from './locale.js';

/** A span of time in its largest whole unit ("5 minutes", "15 sec"): hours, minutes, else seconds. */
export function formatSpan(locale: string, ms: number, unitDisplay: 'long' | 'short' = 'long'): string {
  const [unit, size] = ms % 3_600_000 === 0 ? (['hour', 3_600_000] as const) : ms % 60_000 === 0 ? (['minute', 60_000] as const) : (['second', 1000] as const);
  return numberFormat(locale, { style: 'unit', unit, unitDisplay }).format(ms / size);
}
