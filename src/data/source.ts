import { atom, onMount, type ReadableAtom, type WritableAtom } from 'nanostores';
import { confirmedAt, payloadTime, ServerClock } from './age.js';
import type { SourceCache } from './cache.js';
import { liveError, type LiveError } from './errors.js';
import { fetchCycle } from './fetch-cycle.js';
import { invalid } from './invalid.js';
import { initialModel, staleAt, transition, view, type Clock, type Model, type SourceEvent } from './machine.js';
import { resolveOptions, type ResolvedOptions, type SourceOptions } from './options.js';
import { isHidden, isOffline, onOffline, onOnline, onVisibilityChange } from './page.js';
import { redactUrl } from './redact.js';
import { registerSource, unregisterSource } from './registry.js';
import { PollPlan, polls, type PlanFacts } from './schedule.js';
import { SingleFlight } from './single-flight.js';
import type { SourceStream } from './source-stream.js';
import type { SourceConnection, SourceOrigin, SourceState, SourceStatus } from './state.js';
import { countStats, stats } from './stats-hook.js';
import { joinGroup } from './tab-scout.js';
import { canShareTabs, PROBE, type Member, type Membership } from './tabs.js';
import { schedule } from './ticker.js';
import { clearError, setError } from '../stores/errors.js';
import { setTabs } from '../stores/tabs.js';

export type { SourceConnection, SourceOrigin, SourceState, SourceStatus };

/**
 * The parts a source may not need load when one does (a bundler makes each a chunk; the single
 * file inlines them): the stream client with a `stream`, the offline cache with `persist`. Each
 * is requested the moment a source asks, so the cache's read still comes before the first fetch.
 */
const loadStream = () => import('./source-stream.js');
/** The offline cache, or none when its code cannot be loaded (the source then works from memory). */
const openCache = <T>(namespace: string, name: string): Promise<SourceCache<T> | undefined> =>
  import('./cache.js').then(
    ({ SourceCache }) => new SourceCache<T>(namespace, name),
    () => undefined,
  );

/** Spread of the refetch after the browser comes back online, so a fleet does not arrive at once. */
const ONLINE_JITTER = 1000;

const clock = (): Clock => ({ now: Date.now(), mono: performance.now() });

/** Two errors are one when they are the same failure (a follower receives copies of the leader's). */
const sameError = (a: LiveError | null, b: LiveError | null) =>
  a === b || (!!a && !!b && a.at === b.at && a.kind === b.kind && a.status === b.status && a.message === b.message);

/**
 * One named piece of server data and everything that keeps it fresh. It starts when its first
 * subscriber comes and stops when the last one leaves; all subscribers share its requests. What
 * it says of itself comes from its state machine (`machine.ts`) alone: this class sends events.
 */
/** A source of any data type, as a page's registry holds them (`Source<T>` is invariant in `T`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one place the data type is left open
export type AnySource = Source<any>;

export class Source<T = unknown> {
  readonly name: string;
  readonly #state: WritableAtom<SourceState<T>>;
  /** The source's state; subscribe to start it. */
  readonly $state: ReadableAtom<SourceState<T>>;
  #options: ResolvedOptions<T>;
  #model: Model<T>;
  #mounted = false;
  /** This tab fetches and streams for the source (it leads its group, or works alone). */
  #working = false;
  #stop = new AbortController();
  readonly #flight = new SingleFlight<SourceState<T>>((force, done) => this.#run(force, done));
  readonly #plan = new PollPlan(() => this.#pollDue());
  #onlineTimer: ReturnType<typeof setTimeout> | undefined;
  #etag: string | undefined;
  #lastModified: string | undefined;
  /** The server's clock, from the `Date` of first-hand answers. */
  readonly #clock = new ServerClock();
  #cancelStaleTick = () => {};
  /** The stops of what the working tab started. */
  #work: (() => void)[] = [];
  #stream: SourceStream<T> | undefined;
  #hydration: Promise<void> | null = null;
  #cache: Promise<SourceCache<T> | undefined> | undefined;
  #member: Membership<T> | undefined;
  /** Pushes taken so far: a fetch that saw one land while it was out brings older data. */
  #pushes = 0;

  constructor(name: string, options: SourceOptions<T> = {}) {
    if (typeof name !== 'string' || !name.trim()) invalid('name', name);
    this.name = name;
    this.#options = resolveOptions(options);
    // Health targets are judged over the figures: count them from now.
    if (this.#options.targets) void countStats();
    this.#model = initialModel(this.#options.ttl, this.#options.fallback);
    // Data a server render passed along: live as of when the server had it.
    const initial = this.#options.initial;
    if (initial) this.#model = transition(this.#model, { type: 'pushed', data: initial.data, at: initial.updatedAt }, clock());
    this.#state = atom<SourceState<T>>(view(this.#model, clock()));
    this.$state = this.#state;
    onMount(this.#state, () => {
      this.#start();
      return () => this.#halt();
    });
  }

  /** The current state, without starting the source (unlike nanostores' `$state.get()`). */
  get state(): SourceState<T> {
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
   * as live data produced now (or at its `timestamp`). It mends no failure of the source's own
   * fetch: that stays on screen until a fetch succeeds.
   */
  push(data: T): void {
    const at = confirmedAt({ received: Date.now(), age: 0 }, this.#clock.offset(), payloadTime(data, this.#options.timestamp));
    // A follower shows it at once, and hands it to the leader, which applies it for every tab (and keeps it).
    if (this.#member?.role === 'follower') this.#member.push(data);
    else {
      stats()?.push(this.name);
      this.#pushes++;
    }
    this.#send({ type: 'pushed', data, at });
    this.#persist();
  }

  /** Changes options at once: a new poll reschedules, a new src refetches. Throws like `createSource`. */
  configure(options: SourceOptions<T>): void {
    const before = this.#options;
    this.#options = resolveOptions(options, before);
    const o = this.#options;
    if (o.targets) void countStats();
    if (o.ttl !== before.ttl) this.#send({ type: 'ttlChanged', ttl: o.ttl });
    if (o.src !== before.src) this.#etag = this.#lastModified = undefined;
    if (!this.#mounted) return;
    const keyed: (keyof ResolvedOptions)[] = ['src', 'stream', 'transport', 'event', 'persist', 'namespace', 'tabs'];
    if (keyed.some((k) => o[k] !== before[k])) {
      // Another identity across tabs, another stream or another cache: start over with them.
      this.#halt();
      this.#start();
      if (o.src !== before.src) void this.revalidate();
    } else if (o.poll !== before.poll || o.ttl !== before.ttl) {
      this.#schedulePoll();
    }
  }

  /** Removes the source from the page: stops its work and frees its name. */
  dispose(): void {
    this.#halt();
    void this.#cache?.then((cache) => cache?.detach());
    unregisterSource(this);
    stats()?.forget(this.name);
    clearError(this.name);
  }

  // ——— the one writer ———

  /** Events sent inside a batch are shown together, once, when it ends. */
  #batching = 0;

  #send(event: SourceEvent<T>): void {
    this.#model = transition(this.#model, event, clock());
    if (!this.#batching) this.#publish();
  }

  #batch(steps: () => void): void {
    this.#batching++;
    try {
      steps();
    } finally {
      if (--this.#batching === 0) this.#publish();
    }
  }

  /** Shows the model's view; subscribers hear of it only when something in it really changed. */
  #publish(): void {
    const c = clock();
    const current = this.state;
    const next = view(this.#model, c);
    if (sameError(next.error, current.error)) next.error = current.error;
    this.#watchStale(c);
    if ((Object.keys(next) as (keyof SourceState<T>)[]).every((k) => Object.is(next[k], current[k]))) return;
    this.#state.set(next);
    if (next.error !== current.error || next.retryAt !== current.retryAt) {
      if (next.error) setError(this.name, next.error, next.retryAt);
      else clearError(this.name);
    }
    this.#member?.broadcast(next);
  }

  /** One job on the shared ticker shows the move to stale exactly when it happens; no timer of our own. */
  #watchStale(c: Clock): void {
    this.#cancelStaleTick();
    this.#cancelStaleTick = () => {};
    const at = this.#mounted ? staleAt(this.#model, c) : null;
    if (at !== null) this.#cancelStaleTick = schedule(at, () => this.#publish());
  }

  // ——— roles: working or following ———

  #start(): void {
    this.#mounted = true;
    this.#batch(() => {
      const o = this.#options;
      const shared = o.tabs === 'shared' && canShareTabs();
      this.#send({ type: 'started', following: shared });
      if (shared) {
        try {
          this.#member = joinGroup(o.namespace, this.#asMember());
        } catch {
          this.#member = undefined;
        }
      }
      if (!this.#member) {
        setTabs(this.name, { role: 'independent', tabs: 1 });
        return this.#lead(undefined);
      }
      // Until it serves, it shows the leader's state, else what this device cached.
      if (!this.#working && o.persist) void this.#hydrate(openCache<T>(o.namespace, this.name));
    });
  }

  #asMember(): Member<T> {
    const o = this.#options;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the member's getters have their own `this`
    const source = this;
    return {
      name: this.name,
      // Tokens in a query never cross to other tabs, nor name a lock.
      key: JSON.stringify([this.name, redactUrl(o.src) ?? '', o.stream?.map(redactUrl).join(' ') ?? '', o.transport, o.event ?? '']),
      get state() {
        return source.state;
      },
      requestLimit: o.timeout * (o.retry.attempts + 1) + o.retry.max * o.retry.attempts + 2 * PROBE,
      unanswered: () => {
        const message = 'The tab that fetches for this page did not answer in time.';
        return { ...source.state, status: 'error', error: liveError('timeout', { source: this.name, url: o.src ?? '', message }) };
      },
      lead: (lastEventId) => this.#lead(lastEventId),
      follow: () => this.#follow(),
      apply: (state) => this.#send({ type: 'leaderState', state }),
      request: (force, fresh) => this.#request(force, fresh),
      push: (data) => this.push(data),
      visibilityChanged: () => this.#onVisibility(),
      roleChanged: (role, tabs) => setTabs(this.name, { role, tabs }),
      lastEventId: () => this.#stream?.lastEventId(),
    };
  }

  #lead(lastEventId: string | undefined): void {
    if (this.#working || !this.#mounted) return;
    this.#working = true;
    this.#batch(() => {
      this.#send({ type: 'led' });
      this.#startWork(lastEventId);
    });
  }

  #follow(): void {
    if (!this.#working) return;
    this.#working = false;
    this.#stopWork();
    this.#send({ type: 'followed' });
  }

  #halt(): void {
    // Halted already (disposed, then unmounted a second later): the name may be another source's now.
    if (!this.#mounted) return;
    this.#mounted = false;
    this.#batch(() => {
      const member = this.#member;
      this.#member = undefined;
      member?.leave();
      if (this.#working) this.#stopWork();
      this.#working = false;
      setTabs(this.name, undefined);
      this.#send({ type: 'stopped' });
    });
  }

  /** This tab fetches and streams now: it leads its group, or works alone. */
  #startWork(lastEventId?: string): void {
    const o = this.#options;
    // In a tab group, the group tells of visibility (this tab's and the others'); alone, the page does.
    if (!this.#member) this.#work.push(onVisibilityChange(() => this.#onVisibility()));
    this.#work.push(
      onOnline(() => {
        this.#send({ type: 'connectivity', offline: false });
        clearTimeout(this.#onlineTimer);
        this.#onlineTimer = setTimeout(() => void this.revalidate(), Math.random() * ONLINE_JITTER);
      }),
      onOffline(() => {
        this.#plan.clear();
        this.#send({ type: 'connectivity', offline: true });
      }),
      () => clearTimeout(this.#onlineTimer),
    );
    this.#send({ type: 'connectivity', offline: isOffline() });
    this.#send({ type: 'visibility', hidden: this.#hidden() });
    if (o.stream) this.#openStream(lastEventId);
    // A new cache place on each start: the namespace may have changed (another user signed in).
    void this.#cache?.then((cache) => cache?.detach());
    this.#cache = o.persist ? openCache<T>(o.namespace, this.name) : undefined;
    // Live data this tab took while it followed is its to keep now.
    this.#persist();
    if (this.#cache && this.#model.origin !== 'live') {
      // The first fetch waits for this read (its validators); a read begun while following does not count.
      const hydration: Promise<void> = this.#hydrate(this.#cache).finally(() => {
        if (this.#hydration === hydration) this.#hydration = null;
      });
      this.#hydration = hydration;
    }
    // A page opened in a background tab still loads once; only polling waits for it to show.
    if (this.#hidden() && this.#plan.lastEnd === 0 && o.src) void this.revalidate();
    else this.#resume();
    this.#schedulePoll();
  }

  #stopWork(): void {
    this.#plan.clear();
    this.#work.splice(0).forEach((stop) => stop());
    void this.#cache?.then((cache) => cache?.flush());
    this.#stop.abort();
    this.#stop = new AbortController();
    // The aborted fetch is left to settle on its own; a new start must not wait for it.
    this.#flight.reset();
    this.#hydration = null;
  }

  #openStream(lastEventId: string | undefined): void {
    let open = true;
    this.#work.push(() => {
      open = false;
      this.#stream?.close();
      this.#stream = undefined;
    });
    // Connecting from now: the stream client may still be on its way.
    this.#send({ type: 'streamChanged', phase: 'connecting', error: null, retryAt: null });
    void loadStream().then(
      ({ SourceStream }) => {
        if (!open) return;
        this.#stream = new SourceStream<T>(
          this.#options,
          {
            name: this.name,
            push: (data) => this.push(data),
            invalidate: () => void this.#request(false, true),
            unreadable: (error) => this.#send({ type: 'pushUnreadable', error }),
            changed: (phase, error, retryAt, reopened) => {
              this.#send({ type: 'streamChanged', phase, error, retryAt });
              this.#schedulePoll();
              // Back after a drop: one conditional request covers what the server could not replay.
              if (reopened) void this.revalidate();
            },
            hidden: () => this.#hidden(),
            // A tab that takes over resumes from here: tell the followers, even with no news.
            seen: () => this.#member?.broadcast(this.state),
          },
          lastEventId,
        );
      },
      (e: unknown) => {
        // Its code could not be loaded (the network, a CDN): no stream, and the source polls.
        if (!open) return;
        const error = liveError('network', {
          source: this.name,
          url: this.#options.stream![0]!,
          message: `The stream client could not be loaded: ${(e as Error)?.message ?? e}`,
        });
        this.#send({ type: 'streamChanged', phase: 'failed', error, retryAt: null });
        this.#schedulePoll();
      },
    );
  }

  // ——— the page ———

  /** Hidden for this source: every tab that shows it is (or this page, when it works alone). */
  #hidden(): boolean {
    return this.#member ? this.#member.hidden : isHidden();
  }

  #onVisibility(): void {
    if (!this.#working) return;
    const hidden = this.#hidden();
    this.#send({ type: 'visibility', hidden });
    if (hidden) this.#plan.clear();
    else this.#resume();
  }

  /** On start and when the page shows again: fetch at once if the data is not fresh and live, else when due. */
  #resume(): void {
    if (!this.#working || this.#hidden() || !this.#options.src) return this.#schedulePoll();
    const state = this.state;
    if (state.origin !== 'live' || state.stale) void this.revalidate();
    else this.#schedulePoll();
  }

  // ——— the schedule ———

  #facts(): PlanFacts {
    const o = this.#options;
    return {
      src: o.src,
      poll: o.poll,
      ttl: o.ttl,
      stream: !!o.stream,
      streamOpen: !!this.#stream?.open,
      failing: !!this.#model.fetchError,
      updatedAt: this.#model.updatedAt,
    };
  }

  /** Plans the next ordinary fetch (see `nextFetchAt`), and tells the machine whether it polls and when it tries again. */
  #schedulePoll(): void {
    const facts = this.#facts();
    const due = this.#plan.arm(facts, this.#working && this.#mounted && !this.#hidden() && !isOffline() && !this.#flight.busy);
    const m = this.#model;
    this.#send({ type: 'planned', fetches: !!facts.src, polls: polls(facts), retryAt: m.fetchError && !m.cycle ? due : undefined });
  }

  /** A planned fetch is due, unless what it was for has moved on (a stream confirmed the data meanwhile). */
  #pollDue(): void {
    const due = this.#plan.next(this.#facts());
    if (due !== null && due > Date.now()) return this.#schedulePoll();
    void this.revalidate();
  }

  // ——— fetching ———

  /** Starts a fetch, or joins or follows the one in flight (see `SingleFlight`); a follower asks the leader. */
  #request(force: boolean, fresh = force): Promise<SourceState<T>> {
    if (this.#member?.role === 'follower') return this.#member.request(force, fresh);
    // Not started, a fetch is a one-off here; started but not yet working, it waits for its role.
    if (!this.#options.src || (this.#mounted && !this.#working)) return Promise.resolve(this.state);
    // The server asked for quiet: an ordinary fetch waits for it (a user's forced refresh does not).
    if (!force && this.#working && this.#plan.holds()) {
      this.#schedulePoll();
      return Promise.resolve(this.state);
    }
    return this.#flight.request(force, fresh);
  }

  #run(force: boolean, done: () => boolean): Promise<SourceState<T>> {
    this.#plan.started();
    const settle = (end: SourceEvent<T> | null): SourceState<T> => {
      // The end of a fetch and its state land together: a caller who sees the new state can fetch again.
      if (done()) this.#plan.ended();
      if (end) this.#send(end);
      if (end?.type === 'confirmed') this.#persist();
      this.#schedulePoll();
      return this.state;
    };
    return this.#cycle(force, this.#stop.signal).then(settle, (e) => {
      settle({ type: 'cycleEnded' });
      throw e;
    });
  }

  /** One fetch with its retries. Ends with the event that says how it ended: data, or the error shown and the old data kept. */
  async #cycle(force: boolean, stop: AbortSignal): Promise<SourceEvent<T> | null> {
    if (this.#hydration) await this.#hydration;
    if (stop.aborted) return null;
    const pushes = this.#pushes;
    const o = this.#options;
    const outcome = await fetchCycle({
      name: this.name,
      options: o as ResolvedOptions<unknown>,
      force,
      etag: this.#etag,
      lastModified: this.#lastModified,
      clock: this.#clock,
      stop,
      trying: () => this.#send({ type: 'fetchStarted' }),
      retrying: (error, retryAt) => this.#send({ type: 'failed', error, retryAt, final: false }),
    });
    if (stop.aborted || outcome.kind === 'aborted') return { type: 'cycleEnded' };
    if (outcome.kind === 'error') {
      const { error, wait } = outcome;
      // Retries are spent: the error stays shown with the data; polling goes on, not before Retry-After.
      this.#plan.quiet(wait);
      return { type: 'failed', error, retryAt: null, final: true };
    }
    this.#plan.quiet(0);
    // A push landed while this fetch was out: the answer may predate it, so the pushed data
    // stays (as TanStack Query asks hosts to cancel queries before setting data).
    if (this.#pushes !== pushes) return { type: 'superseded' };
    // A 304 confirms the data on screen.
    let data = this.#model.data as T;
    if (outcome.kind !== 'not-modified') {
      this.#etag = outcome.etag;
      this.#lastModified = outcome.lastModified;
      data = outcome.data as T;
    }
    return { type: 'confirmed', data, servedBy: outcome.servedBy, at: confirmedAt(outcome, this.#clock.offset(), payloadTime(data, o.timestamp)) };
  }

  // ——— the offline cache ———

  #persist(): void {
    const { data, updatedAt, origin } = this.#model;
    if (!this.#cache || !this.#working || (origin !== 'live' && origin !== 'server-cache') || updatedAt === null) return;
    const record = { data: data as T, updatedAt, etag: this.#etag, lastModified: this.#lastModified };
    void this.#cache.then((cache) => cache?.save(record));
  }

  /** Shows the cached data before the network answers, and keeps its validators for the revalidation. */
  async #hydrate(cache: Promise<SourceCache<T> | undefined>): Promise<void> {
    const record = await (await cache)?.read(this.#options.maxAge);
    if (!record || !this.#mounted) return;
    this.#etag ??= record.etag;
    this.#lastModified ??= record.lastModified;
    this.#send({ type: 'hydrated', data: record.data, updatedAt: record.updatedAt });
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
