import { atom, onMount, type ReadableAtom, type WritableAtom } from 'nanostores';
import { SourceCache } from './cache.js';
import type { LiveError } from './errors.js';
import { fetchCycle } from './fetch-cycle.js';
import { freshness } from './freshness.js';
import { resolveOptions, type ResolvedOptions, type SourceOptions } from './options.js';
import { isHidden, isOffline, onOffline, onOnline, onVisibilityChange } from './page.js';
import { SourceStream } from './source-stream.js';
import { TabLink } from './source-tabs.js';
import { canShareTabs } from './tabs.js';
import { SingleFlight } from './single-flight.js';
import type { SourceConnection, SourceOrigin, SourceState, SourceStatus } from './state.js';
import { schedule } from './ticker.js';
import { clearError, setError } from '../stores/errors.js';
import { forgetStats, recordPush } from '../stores/diagnostics.js';
import { setTabs } from '../stores/tabs.js';
import { registerSource, unregisterSource } from '../stores/sources.js';

export type { SourceConnection, SourceOrigin, SourceState, SourceStatus };

/** Spread of the refetch after the browser comes back online, so a fleet does not arrive at once. */
const ONLINE_JITTER = 1000;
/** How often a source with a stream but no `poll` polls while its stream is down. */
const STREAM_DOWN_POLL = 30_000;

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
  readonly #flight = new SingleFlight<SourceState<T>>((force, done) => this.#run(force, done));
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #onlineTimer: ReturnType<typeof setTimeout> | undefined;
  #lastEnd = 0;
  #notBefore = 0;
  #etag: string | undefined;
  #lastModified: string | undefined;
  #cancelStaleTick = () => {};
  #unlisten: (() => void)[] = [];
  #stream: SourceStream<T> | undefined;
  /** The last fetch could not reach the server. */
  #unreachable = false;
  #hydration: Promise<void> | null = null;
  #cache: SourceCache<T> | undefined;
  #link: TabLink<T> | undefined;
  /** A follower shows the leader's connection. */
  #remoteConnection: SourceConnection = 'idle';
  /** Pushes taken so far: a fetch that saw one land while it was out brings older data. */
  #pushes = 0;

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
      connection: 'idle',
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

  /**
   * New data from elsewhere (a host's own WebSocket, say): applied exactly as a stream event is,
   * as live data confirmed now.
   */
  push(data: T): void {
    if (this.#link?.role === 'follower') {
      // Shown here at once, and handed to the leader, which applies it for every tab.
      this.#link.push(data);
      this.#patch({ data, origin: 'live', updatedAt: Date.now(), error: null });
      return;
    }
    recordPush(this.name);
    this.#pushes++;
    clearError(this.name);
    this.#unreachable = false;
    this.#patch({ data, origin: 'live', updatedAt: Date.now(), error: null, status: this.#flight.busy ? this.#current.status : 'idle' });
    this.#persist();
  }

  /** Changes options at once: a new poll reschedules, a new src refetches. Throws like `createSource`. */
  configure(options: SourceOptions<T>): void {
    const before = this.#options;
    this.#options = resolveOptions(options, before);
    if (this.#options.ttl !== before.ttl) this.#patch({ ttl: this.#options.ttl });
    if (!this.#mounted) return;
    const o = this.#options;
    if (o.stream !== before.stream || o.persist !== before.persist || o.namespace !== before.namespace || o.tabs !== before.tabs) {
      // A new stream or cache: start over with them.
      this.#halt();
      this.#start();
    } else if (o.src !== before.src) {
      this.#etag = this.#lastModified = undefined;
      void this.revalidate();
    } else if (this.#options.poll !== before.poll) {
      this.#schedulePoll();
    }
  }

  /** Removes the source from the page: stops its work and frees its name. */
  dispose(): void {
    this.#halt();
    this.#cache?.detach();
    unregisterSource(this);
    forgetStats(this.name);
    clearError(this.name);
  }

  /** Applies a change; subscribers hear of it only when something really changed. */
  #patch(patch: Partial<SourceState<T>>): void {
    const current = this.#current;
    const next = { ...current, ...patch };
    next.stale = next.data !== undefined && freshness(next).status === 'stale';
    next.connection = this.#connection();
    if ((Object.keys(next) as (keyof SourceState<T>)[]).every((k) => Object.is(next[k], current[k]))) return;
    this.#state.set(next);
    this.#watchStale(next);
    this.#link?.broadcast(next);
  }

  #connection(): SourceConnection {
    if (!this.#mounted) return 'idle';
    if (this.#link?.role === 'follower') return this.#remoteConnection;
    if (this.#unreachable || isOffline()) return 'offline';
    if (this.#hidden()) return 'paused';
    if (this.#stream?.open) return 'streaming';
    return this.#pollEvery() > 0 ? 'polling' : 'idle';
  }

  /** The poll interval in force: none while the stream is open, a default while it is down. */
  #pollEvery(): number {
    const { poll, stream, src } = this.#options;
    if (!src) return 0;
    if (!stream) return poll;
    if (this.#stream?.open) return 0;
    return poll || STREAM_DOWN_POLL;
  }

  #persist(): void {
    const { data, updatedAt, origin } = this.#current;
    if (!this.#cache || origin !== 'live' || updatedAt === null) return;
    this.#cache.save({ data: data as T, updatedAt, etag: this.#etag, lastModified: this.#lastModified });
  }

  /** Shows the cached data before the network answers, and keeps its validators for the revalidation. */
  async #hydrate(cache: SourceCache<T>): Promise<void> {
    const record = await cache.read(this.#options.maxAge);
    this.#hydration = null;
    if (!record || this.#current.origin === 'live') return;
    this.#etag ??= record.etag;
    this.#lastModified ??= record.lastModified;
    // Shown already (read while this tab waited to lead): keep that very object.
    if (this.#current.origin === 'cache' && this.#current.updatedAt === record.updatedAt) return;
    // Data on screen while something is on its way (a fetch, the leader's state): refreshing.
    const waiting = this.#flight.busy || this.#current.status === 'loading';
    this.#patch({ data: record.data, origin: 'cache', updatedAt: record.updatedAt, status: waiting ? 'refreshing' : this.#current.status });
  }

  /** The stream opened or dropped: while it is open it carries the news; while down, polling does. */
  #onStreamChange(reopened: boolean, failed: LiveError | null): void {
    if (this.#stream?.open) this.#clearPoll();
    else if (!this.#pollTimer && !this.#flight.busy) this.#schedulePoll();
    // A source with nothing but its stream says why it gets no data.
    if (failed && !this.#options.src) {
      setError(this.name, failed);
      this.#patch({ error: failed, status: 'error' });
    }
    this.#patch({});
    // Back after a drop: one conditional request covers what the server could not replay.
    if (reopened) void this.revalidate();
  }

  /** One tick of the shared ticker flips `stale` when the data turns stale; no timer of our own. */
  #watchStale(state: SourceState<T>): void {
    this.#cancelStaleTick();
    this.#cancelStaleTick = () => {};
    if (!this.#mounted || state.stale || state.updatedAt === null || state.data === undefined) return;
    this.#cancelStaleTick = schedule(state.updatedAt + state.ttl, () => this.#patch({}));
  }

  /** Hidden for this source: every tab of its group is (or this page, when it works alone). */
  #hidden(): boolean {
    return this.#link ? this.#link.groupHidden : isHidden();
  }

  #onVisibility(): void {
    const hidden = this.#hidden();
    if (hidden) this.#clearPoll();
    this.#patch({});
    if (!hidden) this.#resume();
  }

  #start(): void {
    this.#mounted = true;
    const o = this.#options;
    if (o.tabs === 'independent' || !canShareTabs()) {
      setTabs(this.name, { role: 'independent', tabs: 1 });
      return this.#startWork();
    }
    // Until this tab is elected, it follows: the leader's state, else what the cache has.
    const source = this;
    this.#link = new TabLink<T>(`live-widgets:${o.namespace}:${this.name}`, {
      name: this.name,
      get state() {
        return source.state;
      },
      lead: (lastEventId) => this.#startWork(lastEventId),
      apply: (state) => this.#applyRemote(state),
      request: (force, fresh) => this.#request(force, fresh),
      push: (data) => this.push(data),
      visibilityChanged: () => this.#onVisibility(),
      lastEventId: () => this.#stream?.lastEventId(),
    });
    // Nothing to show yet: it loads, from the leader or once elected.
    if (this.#current.data === undefined) this.#patch({ status: 'loading' });
    if (this.#link.role === 'follower' && o.persist) void this.#hydrate(new SourceCache<T>(o.namespace, this.name));
    this.#patch({});
  }

  /** A follower takes the leader's state as its own. */
  #applyRemote(state: SourceState<T>): void {
    this.#remoteConnection = state.connection;
    if (state.error && state.error.at !== this.#current.error?.at) setError(this.name, state.error);
    if (!state.error) clearError(this.name);
    const { data, status, origin, updatedAt, error, ttl } = state;
    this.#patch({ data, status, origin, updatedAt, error, ttl });
  }

  /** This tab fetches and streams: it leads its group, or works alone. */
  #startWork(lastEventId?: string): void {
    const o = this.#options;
    // Nothing to fetch and nothing to listen to: only pushes will bring data.
    if (!o.src && !o.stream && this.#current.status === 'loading') this.#patch({ status: 'idle' });
    this.#unlisten.push(
      onVisibilityChange(() => this.#onVisibility()),
      onOnline(() => {
        this.#unreachable = false;
        this.#patch({});
        clearTimeout(this.#onlineTimer);
        this.#onlineTimer = setTimeout(() => void this.revalidate(), Math.random() * ONLINE_JITTER);
      }),
      onOffline(() => {
        this.#clearPoll();
        this.#patch({});
      }),
      () => clearTimeout(this.#onlineTimer),
    );
    if (o.stream) {
      const stream = new SourceStream<T>(
        o,
        {
          name: this.name,
          push: (data) => this.push(data),
          invalidate: () => void this.#request(false, true),
          unreadable: (error) => {
            setError(this.name, error);
            this.#patch({ error, status: 'error' });
          },
          changed: (reopened, failed) => this.#onStreamChange(reopened, failed),
          hidden: () => this.#hidden(),
        },
        lastEventId,
      );
      this.#stream = stream;
      this.#unlisten.push(() => {
        stream.close();
        this.#stream = undefined;
      });
    }
    // A new cache place on each start: the namespace may have changed (another user signed in).
    this.#cache?.detach();
    this.#cache = o.persist ? new SourceCache<T>(o.namespace, this.name) : undefined;
    // Live data this tab took while it followed is its to keep now.
    this.#persist();
    if (this.#cache && this.#current.origin !== 'live') this.#hydration = this.#hydrate(this.#cache);
    this.#patch({});
    this.#watchStale(this.#current);
    // A page opened in a background tab still loads once; only polling waits for it to show.
    if (this.#hidden() && this.#lastEnd === 0) void this.revalidate();
    else this.#resume();
  }

  #halt(): void {
    this.#mounted = false;
    this.#link?.close();
    this.#link = undefined;
    this.#clearPoll();
    this.#cancelStaleTick();
    this.#unlisten.splice(0).forEach((stop) => stop());
    void this.#cache?.flush();
    this.#stop.abort();
    this.#stop = new AbortController();
    // The aborted fetch is left to settle on its own; a new start must not wait for it.
    this.#flight.reset();
    this.#patch({ status: this.#current.error ? 'error' : 'idle' });
  }

  /** On start and when the page shows again: fetch at once if stale, else when the next poll is due. */
  #resume(): void {
    if (this.#hidden()) return;
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
    const poll = this.#pollEvery();
    if (!this.#mounted || poll <= 0 || this.#hidden() || isOffline() || this.#flight.busy) return;
    const due = Math.max(this.#lastEnd + poll, this.#notBefore);
    this.#pollTimer = setTimeout(() => void this.revalidate(), Math.max(0, due - Date.now()));
  }

  /** Starts a fetch, or joins or follows the one in flight (see `SingleFlight`). */
  #request(force: boolean, fresh = force): Promise<SourceState<T>> {
    if (this.#link?.role === 'follower') return this.#link.request(force, fresh);
    if (!this.#options.src) return Promise.resolve(this.#current);
    return this.#flight.request(force, fresh);
  }

  #run(force: boolean, done: () => boolean): Promise<SourceState<T>> {
    this.#clearPoll();
    const settle = (patch: Partial<SourceState<T>> | null): SourceState<T> => {
      // The end of a fetch and its state land together: a caller who sees the new state can fetch again.
      if (done()) this.#lastEnd = Date.now();
      if (patch) this.#patch(patch);
      if (patch?.origin === 'live') this.#persist();
      this.#schedulePoll();
      return this.#current;
    };
    return this.#cycle(force, this.#stop.signal).then(settle, (e) => {
      settle(null);
      throw e;
    });
  }

  /** One fetch with its retries. Ends with data, or with the error shown and the old data kept. */
  async #cycle(force: boolean, stop: AbortSignal): Promise<Partial<SourceState<T>> | null> {
    if (this.#hydration) await this.#hydration;
    const pushes = this.#pushes;
    this.#patch({ status: this.#current.data === undefined ? 'loading' : 'refreshing' });
    const outcome = await fetchCycle({
      name: this.name,
      options: this.#options as ResolvedOptions<unknown>,
      force,
      etag: this.#etag,
      lastModified: this.#lastModified,
      stop,
    });
    if (outcome.kind === 'aborted') return null;
    if (outcome.kind === 'error') {
      const { error } = outcome;
      // Retries are spent: show it, keep the data, and let polling go on (not before Retry-After).
      if (error.retryAfter !== undefined) this.#notBefore = error.at + error.retryAfter;
      this.#unreachable = error.kind === 'network';
      setError(this.name, error);
      return { error, status: 'error' };
    }
    this.#notBefore = 0;
    this.#unreachable = false;
    clearError(this.name);
    // A push landed while this fetch was out: the answer may predate it, so the pushed data
    // stays (as TanStack Query asks hosts to cancel queries before setting data).
    if (this.#pushes !== pushes) return { error: null, status: 'idle' };
    const confirmed: Partial<SourceState<T>> = { origin: 'live', updatedAt: Date.now(), error: null, status: 'idle' };
    if (outcome.kind === 'data') {
      this.#etag = outcome.etag;
      this.#lastModified = outcome.lastModified;
      confirmed.data = outcome.data as T;
    }
    return confirmed;
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
