import { createStore, del, delMany, get, keys, set, clear, type UseStore } from 'idb-keyval';
import { stats } from './stats-hook.js';
import type { Model } from './machine.js';

/** What is kept of a source on this device. Never headers, never tokens. */
export interface CachedRecord<T = unknown> {
  /** Format version: records of another version are ignored. */
  v: typeof VERSION;
  data: T;
  updatedAt: number;
  etag?: string | null | undefined;
  lastModified?: string | null | undefined;
}

/** What a conditional request needs, kept with the data. */
interface Validators {
  etag?: string | null | undefined;
  lastModified?: string | null | undefined;
}

const VERSION = 1;
/** One write per source per second at most, however fast the data changes. */
const WRITE_EVERY = 1000;
/** IndexedDB that does not answer in this time (blocked by another connection) is given up on. */
const READ_TIMEOUT = 1000;
/** A write or a clear that IndexedDB has not done in this time fails (rather than hang a sign-out). */
const WRITE_TIMEOUT = 10_000;

let store: UseStore | undefined;

/** The database opens on first use only, so pages that persist nothing never touch it. */
function db(): UseStore {
  if (!globalThis.indexedDB) throw new Error('IndexedDB is not available in this browser.');
  return (store ??= createStore('live-widgets', 'sources'));
}

/**
 * One request through the page's connection, failing when IndexedDB has not answered in `ms`. The
 * connection is then dropped: the next request opens one of its own rather than queue behind one
 * that may never end (seen once in WebKit, with other browsers at work: every request hung). A
 * write given up on may still land later, through the old connection, even after a `clearCache`
 * on the new one: rare enough (IndexedDB must stall for 10 s) to leave.
 */
function request<T>(ms: number, op: (store: UseStore) => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const s = db();
    const timer = setTimeout(() => {
      store = undefined;
      reject(new Error('IndexedDB did not answer in time.'));
    }, ms);
    op(s)
      .then(resolve, reject)
      .finally(() => clearTimeout(timer));
  });
}

const reason = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/** Removes what is cached for one namespace (a signed-out user), or everything. */
export function clearCache(namespace?: string): Promise<void> {
  return request(WRITE_TIMEOUT, (s) =>
    namespace === undefined
      ? clear(s)
      : keys(s).then((all) =>
          delMany(
            all.filter((k) => Array.isArray(k) && k[0] === namespace),
            s,
          ),
        ),
  );
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

  readonly #key: string[];

  constructor(
    namespace: string,
    private readonly name: string,
  ) {
    this.#key = [namespace, name];
  }

  /**
   * The record saved for this source when it is younger than `maxAge` (an older one is removed),
   * if the source still wants it (`wanted()`): its validators go to `validators` where it has none
   * yet, for the revalidation. Never rejects: a failing IndexedDB is recorded in the diagnostics
   * and reads as nothing.
   */
  async read(maxAge: number, validators: Validators, wanted: () => boolean): Promise<CachedRecord<T> | undefined> {
    try {
      const record = await request(READ_TIMEOUT, (s) => get<CachedRecord<T>>(this.#key, s));
      stats()?.cache(this.name, 'read');
      if (!record || record.v !== VERSION || typeof record.updatedAt !== 'number') return undefined;
      if (Date.now() - record.updatedAt > maxAge) {
        void del(this.#key, db()).catch(() => {});
        return undefined;
      }
      if (!wanted()) return undefined;
      validators.etag ??= record.etag;
      validators.lastModified ??= record.lastModified;
      return record;
    } catch (e) {
      stats()?.cache(this.name, 'failure', reason(e));
      return undefined;
    }
  }

  /** Keeps what a source shows when it is first-hand data (live, or from the server's cache). */
  keep({ data, updatedAt, origin }: Pick<Model<T>, 'data' | 'updatedAt' | 'origin'>, { etag, lastModified }: Validators): void {
    if ((origin !== 'live' && origin !== 'server-cache') || updatedAt === null) return;
    this.#pending = { v: VERSION, data: data as T, updatedAt, etag, lastModified };
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
      await request(WRITE_TIMEOUT, (s) => set(this.#key, record, s));
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
