import { atom, onMount, type ReadableAtom, type WritableAtom } from 'nanostores';
import { isLiveError, liveError, type LiveError } from './errors.js';
import { freshness } from './freshness.js';
import { resolveOptions, type ResolvedOptions, type SourceOptions } from './options.js';
import { isHidden, onOnline, onVisibilityChange, sleep } from './page.js';
import { requestJson } from './request.js';
import { isRetryable, retryDelay } from './retry.js';
import { schedule } from './ticker.js';
import { clearError, setError } from '../stores/errors.js';
import { forgetStats, recordEnd, recordStart } from '../stores/diagnostics.js';
import { registerSource, unregisterSource } from '../stores/sources.js';

export type SourceStatus = 'idle' | 'loading' | 'refreshing' | 'error';
export type SourceOrigin = 'none' | 'live' | 'cache' | 'fallback';

export interface SourceState<T = unknown> {
  data: T | undefined;
  status: SourceStatus;
  origin: SourceOrigin;
  /** When the server last confirmed the data (ms epoch), or null. */
  updatedAt: number | null;
  /** The last fetch's error once its retries ran out; null after a success. */
  error: LiveError | null;
  /** The data is older than `ttl` (or was never confirmed). */
  stale: boolean;
  /** The age after which the data is stale, in ms. */
  ttl: number;
}

/** Spread of the refetch after the browser comes back online, so a fleet does not arrive at once. */
const ONLINE_JITTER = 1000;

/**
 * One named piece of server data and everything that keeps it fresh. It starts when its first
 * subscriber comes and stops when the last one leaves; all subscribers share its requests.
 */
export class Source<T = unknown> {
  readonly name: string;
  readonly #state: WritableAtom<SourceState<T>>;
  /** The source's state; subscribe to start it. */
  readonly $state: ReadableAtom<SourceState<T>>;
  #options: ResolvedOptions<T>;
  #mounted = false;
  #stop = new AbortController();
  #inflight: Promise<SourceState<T>> | null = null;
  #inflightForced = false;
  #followUp: Promise<SourceState<T>> | null = null;
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #onlineTimer: ReturnType<typeof setTimeout> | undefined;
  #lastEnd = 0;
  #notBefore = 0;
  #etag: string | undefined;
  #lastModified: string | undefined;
  #cancelStaleTick = () => {};
  #unlisten: (() => void)[] = [];

  constructor(name: string, options: SourceOptions<T> = {}) {
    if (typeof name !== 'string' || !name.trim()) {
      throw new TypeError(`live-widgets: a source needs a name; got ${JSON.stringify(name)}`);
    }
    this.name = name;
    this.#options = resolveOptions(options);
    const { fallback, ttl } = this.#options;
    this.#state = atom<SourceState<T>>({
      data: fallback,
      status: 'idle',
      origin: fallback === undefined ? 'none' : 'fallback',
      updatedAt: null,
      error: null,
      stale: fallback !== undefined,
      ttl,
    });
    this.$state = this.#state;
    onMount(this.#state, () => {
      this.#start();
      return () => this.#halt();
    });
  }

  /** The current state, without starting the source (unlike nanostores' `$state.get()`). */
  get state(): SourceState<T> {
    return this.#current;
  }

  get #current(): SourceState<T> {
    return this.#state.value!;
  }

  /** The options in force, normalised to milliseconds. */
  get options(): Readonly<ResolvedOptions<T>> {
    return this.#options;
  }

  /**
   * Forced refetch that busts every cache on the way. Joins a forced refetch already in flight,
   * follows an ordinary one; never cancels. Resolves with the state after it.
   */
  refresh(): Promise<SourceState<T>> {
    return this.#request(true);
  }

  /** Ordinary (conditional) fetch now, unless one is in flight. */
  revalidate(): Promise<SourceState<T>> {
    return this.#request(false);
  }

  /** Changes options at once: a new poll reschedules, a new src refetches. Throws like `createSource`. */
  configure(options: SourceOptions<T>): void {
    const before = this.#options;
    this.#options = resolveOptions(options, before);
    if (this.#options.ttl !== before.ttl) this.#patch({ ttl: this.#options.ttl });
    if (!this.#mounted) return;
    if (this.#options.src !== before.src) {
      this.#etag = this.#lastModified = undefined;
      void this.revalidate();
    } else if (this.#options.poll !== before.poll) {
      this.#schedulePoll();
    }
  }

  /** Removes the source from the page: stops its work and frees its name. */
  dispose(): void {
    this.#halt();
    unregisterSource(this);
    forgetStats(this.name);
    clearError(this.name);
  }

  #patch(patch: Partial<SourceState<T>>): void {
    const next = { ...this.#current, ...patch };
    next.stale = next.data !== undefined && freshness(next).status === 'stale';
    this.#state.set(next);
    this.#watchStale(next);
  }

  /** One tick of the shared ticker flips `stale` when the data turns stale; no timer of our own. */
  #watchStale(state: SourceState<T>): void {
    this.#cancelStaleTick();
    this.#cancelStaleTick = () => {};
    if (!this.#mounted || state.stale || state.updatedAt === null || state.data === undefined) return;
    this.#cancelStaleTick = schedule(state.updatedAt + state.ttl, () => this.#patch({}));
  }

  #start(): void {
    this.#mounted = true;
    this.#unlisten.push(
      onVisibilityChange((hidden) => (hidden ? this.#clearPoll() : this.#resume())),
      onOnline(() => {
        clearTimeout(this.#onlineTimer);
        this.#onlineTimer = setTimeout(() => void this.revalidate(), Math.random() * ONLINE_JITTER);
      }),
      () => clearTimeout(this.#onlineTimer),
    );
    this.#watchStale(this.#current);
    // A page opened in a background tab still loads once; only polling waits for it to show.
    if (isHidden() && this.#lastEnd === 0) void this.revalidate();
    else this.#resume();
  }

  #halt(): void {
    this.#mounted = false;
    this.#clearPoll();
    this.#cancelStaleTick();
    this.#unlisten.splice(0).forEach((stop) => stop());
    this.#stop.abort();
    this.#stop = new AbortController();
    if (this.#inflight) {
      // The aborted fetch is left to settle on its own; a new start must not wait for it.
      this.#inflight = this.#followUp = null;
      this.#patch({ status: this.#current.error ? 'error' : 'idle' });
    }
  }

  /** On start and when the page shows again: fetch at once if stale, else when the next poll is due. */
  #resume(): void {
    if (isHidden()) return;
    const state = this.#current;
    if (state.origin !== 'live' || freshness(state).status === 'stale') {
      void this.revalidate();
    } else {
      this.#schedulePoll();
    }
  }

  #clearPoll(): void {
    clearTimeout(this.#pollTimer);
    this.#pollTimer = undefined;
  }

  #schedulePoll(): void {
    this.#clearPoll();
    const { poll } = this.#options;
    if (!this.#mounted || poll <= 0 || isHidden() || this.#inflight) return;
    const due = Math.max(this.#lastEnd + poll, this.#notBefore);
    this.#pollTimer = setTimeout(() => void this.revalidate(), Math.max(0, due - Date.now()));
  }

  #request(force: boolean): Promise<SourceState<T>> {
    if (!this.#options.src) return Promise.resolve(this.#current);
    if (this.#inflight) {
      if (!force || this.#inflightForced) return this.#inflight;
      return (this.#followUp ??= this.#inflight.then(() => {
        this.#followUp = null;
        return this.#request(true);
      }));
    }
    this.#clearPoll();
    this.#inflightForced = force;
    const settle = (patch: Partial<SourceState<T>> | null): SourceState<T> => {
      // The end of a fetch and its state land together: a caller who sees the new state can fetch again.
      if (this.#inflight === run) {
        this.#inflight = null;
        this.#lastEnd = Date.now();
      }
      if (patch) this.#patch(patch);
      this.#schedulePoll();
      return this.#current;
    };
    const run: Promise<SourceState<T>> = this.#cycle(force, this.#stop.signal).then(settle, (e) => {
      settle(null);
      throw e;
    });
    this.#inflight = run;
    return run;
  }

  /** One fetch with its retries. Ends with data, or with the error shown and the old data kept. */
  async #cycle(force: boolean, stop: AbortSignal): Promise<Partial<SourceState<T>> | null> {
    const o = this.#options;
    const before = this.#current;
    this.#patch({ status: before.data === undefined ? 'loading' : 'refreshing' });
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      recordStart(this.name);
      try {
        const headers = typeof o.headers === 'function' ? await o.headers() : o.headers;
        const result = await requestJson({
          source: this.name,
          url: o.src!,
          attempt,
          headers: headers ?? {},
          credentials: o.credentials,
          timeout: o.timeout,
          force,
          etag: this.#etag,
          lastModified: this.#lastModified,
          signal: stop,
        });
        recordEnd(this.name, performance.now() - started, { ok: true, notModified: result.kind === 'not-modified', bytes: result.bytes });
        this.#notBefore = 0;
        clearError(this.name);
        if (result.kind === 'not-modified') return { updatedAt: Date.now(), error: null, status: 'idle' };
        this.#etag = result.etag;
        this.#lastModified = result.lastModified;
        return { data: result.data as T, origin: 'live', updatedAt: Date.now(), error: null, status: 'idle' };
      } catch (e) {
        const error = isLiveError(e)
          ? e
          : liveError('network', { source: this.name, url: o.src!, attempt, message: `The request could not be made: ${(e as Error)?.message ?? e}` });
        recordEnd(this.name, performance.now() - started, { ok: false, kind: error.kind });
        if (error.kind === 'aborted') return null;
        const delay = retryDelay(error, attempt - 1, o.retry);
        if (attempt <= o.retry.attempts && isRetryable(error) && delay <= o.retry.max) {
          if (await sleep(delay, stop)) continue;
          return null;
        }
        // Retries are spent: show it, keep the data, and let polling go on (not before Retry-After).
        if (error.retryAfter !== undefined) this.#notBefore = error.at + error.retryAfter;
        setError(this.name, error);
        return { error, status: 'error' };
      }
    }
  }
}

/**
 * Creates and registers a source. Throws a `TypeError` for a taken name or a bad option
 * (naming the option and the value).
 */
export function createSource<T = unknown>(name: string, options: SourceOptions<T> = {}): Source<T> {
  const source = new Source<T>(name, options);
  registerSource(source);
  return source;
}
