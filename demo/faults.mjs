// The fault switchboard, for QA in demo mode: it makes the API misbehave on purpose.

const DEFAULTS = {
  errorRate: 0,
  status: 0,
  retryAfter: 5,
  latency: 0,
  malformed: false,
  refuseStreams: false,
  refuseSockets: false,
  silentStreams: false,
  age: 0,
  caching: 'no-cache',
  maxAge: 600,
  validators: true,
  ignoreRefresh: false,
  buildLatency: 0,
};

/** The caching headers the JSON API may send, as hosts' APIs do (see `caching` below). */
const CACHING = ['no-cache', 'max-age', 'expires', 'last-modified', 'none'];

/**
 * Faults applied to the JSON API and the stream. `status` answers every request with that code
 * (503 and 429 carry `Retry-After: retryAfter`); `errorRate` answers that share with 500;
 * `latency` delays every answer (ms); `malformed` sends broken JSON; `refuseStreams` answers new
 * streams (SSE and WebSocket) with 503; `refuseSockets` refuses WebSocket upgrades, as a proxy that
 * does not pass them would (403); `silentStreams` keeps open streams and sockets open but sends
 * nothing on them, not even keep-alives; `age` sends JSON answers with `Age: age` (s), as a shared cache that kept them
 * that long would.
 *
 * `caching` picks the caching headers of the JSON API (overview, campaigns, sync status), to play
 * a host's API in front of a browser's or a shared cache: `'no-cache'` (the default: `Cache-Control:
 * no-cache`, ETag, Last-Modified), `'max-age'` (`Cache-Control: public, max-age=maxAge`, ETag,
 * Last-Modified), `'expires'` (`Expires: now + maxAge`, no Cache-Control, ETag, Last-Modified),
 * `'last-modified'` (Last-Modified alone, dated 10 × maxAge back, so browsers' heuristic freshness
 * keeps it about maxAge), `'none'` (no
 * Cache-Control, no validators). `maxAge` is in seconds (600; 0 to 86,400). `validators: false`
 * leaves out ETag and Last-Modified whatever `caching` says (an API whose answers only expire).
 * `ignoreRefresh` makes the application's cache answer a forced refresh from its entry, as a cache
 * keyed on the path that ignores `Cache-Control` does: only `POST /api/refresh/<endpoint>` (a
 * source's `purge`) then reaches past it. `buildLatency` makes each of its builds take that long
 * (ms), as a slow query would: time enough to watch one build serve many, or a clear meet a build.
 */
const wait = (ms) => (ms ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

export function createFaults() {
  let faults = { ...DEFAULTS };

  return {
    get: () => ({ ...faults }),

    /** Merges a change, keeping only known keys of the right type; `{ reset: true }` clears all. */
    set(change) {
      if (change?.reset) faults = { ...DEFAULTS };
      for (const [key, value] of Object.entries(change ?? {})) {
        if (key === 'caching' && !CACHING.includes(value)) continue;
        if (key in DEFAULTS && typeof value === typeof DEFAULTS[key]) faults[key] = value;
      }
      faults.errorRate = Math.min(1, Math.max(0, faults.errorRate));
      faults.latency = Math.min(60_000, Math.max(0, faults.latency));
      faults.buildLatency = Math.min(60_000, Math.max(0, faults.buildLatency));
      faults.age = Math.min(86_400, Math.max(0, Math.round(faults.age)));
      faults.maxAge = Math.min(86_400, Math.max(0, Math.round(faults.maxAge)));
      return { ...faults };
    },

    /** The caching headers of a JSON answer under `caching`, from its validators. */
    caching({ etag, lastModified }) {
      const { caching, maxAge, validators } = faults;
      if (caching === 'none') return {};
      // Dated ten times maxAge back, so that a browser's heuristic (a tenth of that) keeps it about maxAge.
      if (caching === 'last-modified') return { 'last-modified': new Date(Date.parse(lastModified) - 10 * maxAge * 1000).toUTCString() };
      const freshness =
        caching === 'max-age'
          ? { 'cache-control': `public, max-age=${maxAge}` }
          : caching === 'expires'
            ? { expires: new Date(Date.now() + maxAge * 1000).toUTCString() }
            : { 'cache-control': 'no-cache' };
      return validators ? { ...freshness, etag, 'last-modified': lastModified } : freshness;
    },

    /** Headers a JSON answer carries under the faults: an `Age`, as if a cache on the way served it. */
    headers: () => (faults.age ? { age: String(faults.age) } : {}),

    /** Waits the added latency. */
    delay: () => wait(faults.latency),
    /** Waits the application cache's added build time. */
    buildDelay: () => wait(faults.buildLatency),

    /** The failure to answer instead, if any: `{ status, headers, body }`. */
    failure({ stream = false } = {}) {
      const retry = { 'retry-after': String(faults.retryAfter) };
      if (stream && faults.refuseStreams) return { status: 503, headers: retry, body: { error: 'Streams are refused (QA fault).' } };
      if (faults.status) {
        const headers = faults.status === 503 || faults.status === 429 ? retry : {};
        return { status: faults.status, headers, body: { error: `Fault switchboard: HTTP ${faults.status}.` } };
      }
      if (!stream && faults.errorRate && Math.random() < faults.errorRate) {
        return { status: 500, headers: {}, body: { error: 'Fault switchboard: random failure.' } };
      }
      return null;
    },

    malformed: () => faults.malformed,
    silent: () => faults.silentStreams,
    refusesSockets: () => faults.refuseSockets,
    ignoresRefresh: () => faults.ignoreRefresh,
  };
}
