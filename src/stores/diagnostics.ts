import { computed } from 'nanostores';
import { $diagnostics, type SourceStats } from '../data/figures.js';

export { $diagnostics, type SourceStats };

export type Totals = Pick<SourceStats, 'requests' | 'successes' | 'failures' | 'notModified' | 'inFlight' | 'bytes' | 'pushes'> & {
  hitRate: number | null;
};

/** Figures summed over every source; hit rate is 304s over successes. */
export const $totals = computed($diagnostics, (all): Totals => {
  const t = { requests: 0, successes: 0, failures: 0, notModified: 0, inFlight: 0, bytes: 0, pushes: 0 };
  for (const s of Object.values(all)) {
    if (!s) continue;
    for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] += s[k];
  }
  return { ...t, hitRate: t.successes ? t.notModified / t.successes : null };
});
