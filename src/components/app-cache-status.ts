import { numberFormat } from './locale.js';

/** One key of an application cache, as its status gives it: seconds of age and left to live, bytes. */
export interface AppCacheKey {
  key: string;
  age: number | null;
  ttl: number | null;
  size: number | null;
}

/**
 * An application cache's status (`GET /api/cache/status` in the README's server contract), read
 * leniently: a figure that is missing or not a number reads as not known.
 */
export interface AppCacheStatus {
  /** Where the entries are kept (`memory`, `redis`, or the server's own word), when it says. */
  store: string | null;
  totalKeys: number;
  estimatedSize: number | null;
  hitProbability: number | null;
  avgTtl: number | null;
  keys: AppCacheKey[];
}

const figure = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);

/** The status in `data`; throws when it is not one (no `keys` list). */
export function readAppCacheStatus(data: unknown): AppCacheStatus {
  const d = data as Record<string, unknown> | null;
  if (!d || typeof d !== 'object' || !Array.isArray(d.keys)) throw new Error('not a cache status: no "keys" list');
  const keys = d.keys
    .filter((k): k is Record<string, unknown> => !!k && typeof k === 'object' && typeof (k as { key?: unknown }).key === 'string')
    .map((k) => ({ key: k.key as string, age: figure(k.age), ttl: figure(k.ttl), size: figure(k.size) }));
  const p = figure(d.hit_probability);
  return {
    store: typeof d.store === 'string' && d.store ? d.store : null,
    totalKeys: figure(d.total_keys) ?? keys.length,
    estimatedSize: figure(d.estimated_size),
    hitProbability: p !== null && p <= 1 ? p : null,
    avgTtl: figure(d.avg_ttl),
    keys,
  };
}

/** Seconds in the page's language: as seconds up to two minutes, then as minutes. */
export function seconds(locale: string, s: number): string {
  const minutes = s >= 120;
  return numberFormat(locale, { style: 'unit', unit: minutes ? 'minute' : 'second', unitDisplay: 'short', maximumFractionDigits: 0 }).format(
    minutes ? s / 60 : s,
  );
}

/** Bytes in the page's language: as bytes below 1000, then as kilobytes (1 kB = 1000 B). */
export function bytes(locale: string, b: number): string {
  const kb = b >= 1000;
  return numberFormat(locale, { style: 'unit', unit: kb ? 'kilobyte' : 'byte', unitDisplay: 'short', maximumFractionDigits: 1 }).format(kb ? b / 1000 : b);
}
