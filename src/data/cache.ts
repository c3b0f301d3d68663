import { createStore, del, delMany, get, keys, set, clear, type UseStore } from 'idb-keyval';
import { stats } from './stats-hook.js';

/** What is kept of a source on this device. Never headers, never tokens. */
export interface CachedRecord<T = unknown> {
  /** Format version: records of another version are ignored. */
  v: typeof VERSION;
  data: T;
  updatedAt: number;
  etag?: string | undefined;
  lastModified?: string | undefined;
}

const VERSION = 1;
/** One write per source per second at most, however fast the data changes. */
const WRITE_EVERY = 1000;
/** IndexedDB that does not answer in this time (blocked by another connection) is given up on. */
const READ_TIMEOUT = 1000;

let store: UseStore | undefined;

/** The database opens on first use only, so pages that persist nothing never touch it. */
function db(): UseStore {
  if (!globalThis.indexedDB) throw new Error('IndexedDB is not available in this browser.');
  return (store ??= createStore('live-widgets', 'sources'));
}

const key = (namespace: string, name: string) => [namespace, name];

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('IndexedDB did not answer in time.')), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

const reason = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/**
 * The cached record of a source when it is younger than `maxAge`; an older one is removed.
 * Never rejects: a failing IndexedDB is recorded in the diagnostics and reads as nothing.
 */
export async function readCache<T>(namespace: string, name: string, maxAge: number): Promise<CachedRecord<T> | undefined> {
  try {
    const record = await withTimeout(get<CachedRecord<T>>(key(namespace, name), db()), READ_TIMEOUT);
    stats()?.cache(name, 'read');
    if (!record || record.v !== VERSION || typeof record.updatedAt !== 'number') return undefined;
    if (Date.now() - record.updatedAt > maxAge) {
      void del(key(namespace, name), db()).catch(() => {});
      return undefined;
    }
    return record;
  } catch (e) {
    stats()?.cache(name, 'failure', reason(e));
    return undefined;
  }
}

/** Removes what is cached for one namespace (a signed-out user), or everything. */
export async function clearCache(namespace?: string): Promise<void> {
  if (namespace === undefined) return clear(db());
  const mine = (await keys(db())).filter((k) => Array.isArray(k) && k[0] === namespace);
  await delMany(mine, db());
}

/**
 * One source's place in the cache. It saves the latest data at most once a second (a stream of
 * updates writes the last one); failures (quota, data that cannot be cloned) are recorded and
 * the source goes on.
 */
export class SourceCache<T> {
  #pending: CachedRecord<T> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #detached = false;

  constructor(
    private readonly namespace: string,
    private readonly name: string,
  ) {}

  /** The record saved for this source, if younger than `maxAge` (see `readCache`). */
  read(maxAge: number): Promise<CachedRecord<T> | undefined> {
    return readCache<T>(this.namespace, this.name, maxAge);
  }

  save(record: Omit<CachedRecord<T>, 'v'>): void {
    this.#pending = { v: VERSION, ...record };
    this.#timer ??= setTimeout(() => void this.flush(), WRITE_EVERY);
  }

  /** Writes what is pending now (when the source stops). */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const record = this.#pending;
    this.#pending = undefined;
    if (!record) return;
    try {
      await set(key(this.namespace, this.name), record, db());
      if (!this.#detached) stats()?.cache(this.name, 'write');
    } catch (e) {
      if (!this.#detached) stats()?.cache(this.name, 'failure', reason(e));
    }
  }

  /** Writes what is pending, then reports no more: the source is gone and its name may be reused. */
  detach(): void {
    void this.flush();
    this.#detached = true;
  }
}
