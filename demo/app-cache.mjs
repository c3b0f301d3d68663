// The application's own cache, the server-side cache the plans keep their data in: each endpoint's
// answer is built once and served from the cache until its time to live runs out. In memory, or in
// Redis when given a URL (several app processes then share the entries and the counts). Answers
// say so (`Age`, RFC 9211 `Cache-Status`); operators read its status, warm it and clear it.
import { createClient } from '@redis/client';

export const CACHE_NAME = 'app-cache';

/** Each endpoint's time to live, in seconds: as the plans set them (overview 5 min, reports 10 min). */
export const TTLS = { overview: 300, campaigns: 600 };
/** Shorter in demo mode, so one can watch an entry age and go. */
export const DEMO_TTLS = { overview: 30, campaigns: 60 };

/** An entry's time to live left, in whole seconds (as `Cache-Status` gives it). */
const left = (entry, now) => Math.max(0, Math.round((entry.expiresAt - now) / 1000));

/** Entries and counts in this process. */
function memoryStore() {
  const entries = new Map();
  const counts = { hits: 0, misses: 0 };
  const live = (key) => {
    const held = entries.get(key);
    if (held && held.expiresAt <= Date.now()) entries.delete(key);
    return held && held.expiresAt > Date.now() ? held : null;
  };
  return {
    kind: 'memory',
    get: async (key) => live(key),
    set: async (entry) => void entries.set(entry.key, entry),
    del: async (keys) => keys.filter((key) => live(key) && entries.delete(key)).length,
    all: async () => [...entries.keys()].map(live).filter(Boolean),
    count: async (what) => void counts[what]++,
    counts: async () => ({ ...counts }),
    close: async () => {},
  };
}

/** Entries and counts in Redis, each entry under a key that Redis expires with it. */
async function redisStore(url, log) {
  // While Redis is away, a command fails at once instead of waiting for it (the server then
  // answers around the cache); one that Redis does not answer fails after a second. A Redis that
  // cannot be reached at start is an error at once (the client would otherwise retry for ever);
  // once it was reached, the client reconnects after a loss.
  let ready = false;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries, cause) => (ready ? Math.min(retries * 100, 2000) : cause) },
  });
  client.on('error', (e) => ready && log(`app cache: Redis: ${e.message}`));
  await client.connect().catch((e) => {
    throw new Error(`The application cache could not reach Redis at ${url}: ${e.message}`);
  });
  ready = true;
  const PREFIX = 'live-widgets:app-cache:';
  const send = (...args) => {
    let timer;
    const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('Redis did not answer in a second.')), 1000)));
    return Promise.race([client.sendCommand(args.map(String)), late]).finally(() => clearTimeout(timer));
  };
  const parse = (text) => (text ? JSON.parse(text) : null);
  return {
    kind: 'redis',
    get: async (key) => parse(await send('GET', PREFIX + key)),
    set: async (entry) => void (await send('SET', PREFIX + entry.key, JSON.stringify(entry), 'PX', Math.max(1, entry.expiresAt - Date.now()))),
    del: async (keys) => (keys.length ? Number(await send('DEL', ...keys.map((key) => PREFIX + key))) : 0),
    async all() {
      const names = [];
      let cursor = '0';
      do {
        const [next, found] = await send('SCAN', cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 100);
        cursor = next;
        names.push(...found.filter((name) => !name.startsWith(`${PREFIX}#`)));
      } while (cursor !== '0');
      return names.length ? (await send('MGET', ...names)).map(parse).filter(Boolean) : [];
    },
    count: async (what) => void (await send('INCR', `${PREFIX}#${what}`)),
    async counts() {
      const [hits, misses] = await send('MGET', `${PREFIX}#hits`, `${PREFIX}#misses`);
      return { hits: Number(hits ?? 0), misses: Number(misses ?? 0) };
    },
    close: () => client.close().catch(() => client.destroy()),
  };
}

/**
 * The cache. `build(key)` makes an endpoint's data afresh: `{ data, changedAt }`. Resolves with
 * `{ name, store, keys, read, status, warm, clear, close }`.
 */
export async function createAppCache({ ttls = TTLS, redisUrl = null, build, log = () => {} }) {
  const store = redisUrl ? await redisStore(redisUrl, log) : memoryStore();
  /** One build per key at a time in this process: a cold key asked by many at once is built once. */
  const building = new Map();
  /** Bumped by each clear of a key: a build begun before it does not store what it built. */
  const cleared = new Map();
  /** How many builds this process began. */
  let builds = 0;

  function fill(key) {
    if (!building.has(key)) {
      const generation = cleared.get(key) ?? 0;
      builds++;
      const made = (async () => {
        const { data, changedAt } = await build(key);
        const storedAt = Date.now();
        const entry = { key, data, changedAt, storedAt, expiresAt: storedAt + ttls[key] * 1000, size: Buffer.byteLength(JSON.stringify(data)) };
        if ((cleared.get(key) ?? 0) === generation) await store.set(entry);
        return entry;
      })().finally(() => building.get(key) === made && building.delete(key));
      building.set(key, made);
    }
    return building.get(key);
  }

  return {
    name: CACHE_NAME,
    store: store.kind,
    keys: Object.keys(ttls),

    /**
     * The entry for `key`, from the cache while it lives, else built and stored (`force`: built
     * and stored whatever is there). Resolves with `{ entry, headers }`: the answer's `Age` and
     * `Cache-Status`.
     */
    async read(key, { force = false } = {}) {
      const held = force ? null : await store.get(key);
      await store.count(held ? 'hits' : 'misses');
      const entry = held ?? (await fill(key));
      const now = Date.now();
      const age = Math.max(0, Math.floor((now - entry.storedAt) / 1000));
      const ttl = left(entry, now);
      const status = held ? `${CACHE_NAME}; hit; ttl=${ttl}` : `${CACHE_NAME}; fwd=${force ? 'request' : 'miss'}; stored; ttl=${ttl}`;
      return { entry, headers: { age: String(age), 'cache-status': status } };
    },

    /** What an operator reads: counts, sizes, and each key's age and time to live, in seconds. */
    async status() {
      const now = Date.now();
      const [entries, { hits, misses }] = await Promise.all([store.all(), store.counts()]);
      entries.sort((a, b) => a.key.localeCompare(b.key));
      const remaining = entries.map((e) => left(e, now));
      return {
        name: CACHE_NAME,
        store: store.kind,
        total_keys: entries.length,
        estimated_size: entries.reduce((sum, e) => sum + e.size, 0),
        hit_probability: hits + misses ? Math.round((hits / (hits + misses)) * 1000) / 1000 : null,
        avg_ttl: remaining.length ? Math.round(remaining.reduce((a, b) => a + b, 0) / remaining.length) : null,
        hits,
        misses,
        builds,
        keys: entries.map((e, i) => ({ key: e.key, age: Math.floor((now - e.storedAt) / 1000), ttl: remaining[i], size: e.size })),
      };
    },

    /** Builds and stores each key (every key by default), whatever is there. */
    async warm(keys = Object.keys(ttls)) {
      await Promise.all(keys.map((key) => fill(key)));
      return keys;
    },

    /** Removes each key (every key by default); resolves with how many were there. */
    clear(keys = Object.keys(ttls)) {
      for (const key of keys) {
        cleared.set(key, (cleared.get(key) ?? 0) + 1);
        building.delete(key);
      }
      return store.del(keys);
    },

    close: () => store.close(),
  };
}
