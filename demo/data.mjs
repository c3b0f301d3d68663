// The reference server's data: deterministic per period, so every client sees the same numbers.

/** A small deterministic generator, so every client sees the same numbers in the same period. */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const CAMPAIGNS = ['Spring sale', 'Newsletter', 'Retargeting', 'Search brand', 'Partner referral'];

/** The data of each endpoint for one period: the same within it, new in the next. */
export const ENDPOINTS = {
  overview(period) {
    const r = random(period);
    const visitors = 12000 + (period % 1000) * 7 + Math.floor(r() * 400);
    const conversion = 0.021 + r() * 0.012;
    return {
      visitors,
      revenue: Math.round(visitors * conversion * (38 + r() * 10) * 100) / 100,
      conversion: Math.round(conversion * 10000) / 10000,
      activeNow: 80 + Math.floor(r() * 60),
    };
  },
  campaigns(period) {
    const r = random(period * 31 + 7);
    return {
      campaigns: CAMPAIGNS.map((name, i) => ({
        id: i + 1,
        name,
        clicks: 1000 * (i + 1) + Math.floor(r() * 500) + (period % 500) * (i + 1),
        spend: Math.round((200 + r() * 800) * 100) / 100,
        ctr: Math.round((0.01 + r() * 0.05) * 10000) / 10000,
      })),
    };
  },
};

const JOBS = [
  { name: 'campaigns', records: 1_240, every: 60, offset: 0 },
  { name: 'ad groups', records: 18_300, every: 90, offset: 20 },
  { name: 'keywords', records: 412_000, every: 120, offset: 45, failEvery: 3 },
  { name: 'conversions', records: 52_800, every: 45, offset: 10 },
];
const RUN_FOR = 25; // seconds a job runs in each of its cycles

/**
 * The background sync jobs at `now`: each runs for a while every cycle, with progress, then is
 * `ok`; `keywords` fails every third run. The same for every client at the same moment.
 */
export function syncStatus(now = Date.now()) {
  const s = Math.floor(now / 1000);
  const entities = JOBS.map(({ name, records, every, offset, failEvery }) => {
    const t = s - offset;
    const cycle = Math.floor(t / every);
    const into = t - cycle * every;
    const failed = failEvery && cycle % failEvery === 0;
    const lastEnd = (cycle * every + offset + RUN_FOR) * 1000;
    if (into < RUN_FOR) {
      const previous = ((cycle - 1) * every + offset + RUN_FOR) * 1000;
      return { name, status: 'running', progress: Math.round((into / RUN_FOR) * 100) / 100, records, lastSyncAt: new Date(previous).toISOString() };
    }
    if (failed) {
      return {
        name,
        status: 'failed',
        records,
        lastSyncAt: new Date(lastEnd).toISOString(),
        error: 'Upstream API refused the request: rate limit exceeded (HTTP 429).',
      };
    }
    return { name, status: 'ok', records: records + (cycle % 1000) * 7, lastSyncAt: new Date(lastEnd).toISOString() };
  });
  return { entities, updatedAt: new Date(s * 1000).toISOString() };
}
