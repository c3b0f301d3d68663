import type { SourceCache } from './cache.js';
import { liveError } from './errors.js';
import { Fetcher } from './fetch-cycle.js';
import type { SourceHost } from './host.js';
import type { SourceEvent } from './machine.js';
import { isHidden, isOffline, onOffline, onOnline, onVisibilityChange } from './page.js';
import type { Publisher } from './publisher.js';
import { PollPlan, polls, type PlanFacts } from './schedule.js';
import { SingleFlight } from './single-flight.js';
import type { SourceStream } from './source-stream.js';
import type { SourceState } from './state.js';
import type { Membership } from './tabs.js';

/**
 * The parts a source may not need load when one does (a bundler makes each a chunk; the single
 * file inlines them): the stream client with a `stream`, the offline cache with `persist`. Each
 * is requested the moment a source asks, so the cache's read still comes before the first fetch.
 */
const loadStream = () => import('./source-stream.js');
/** The offline cache, or none when its code cannot be loaded (the source then works from memory). */
export const openCache = <T>(namespace: string, name: string): Promise<SourceCache<T> | undefined> =>
  import('./cache.js').then(
    ({ SourceCache }) => new SourceCache<T>(namespace, name),
    () => undefined,
  );

/** Spread of the refetch after the browser comes back online, so a fleet does not arrive at once. */
const ONLINE_JITTER = 1000;

/**
 * What the tab that serves a source does: it plans and makes the fetches (one at a time, see
 * `SingleFlight` and `PollPlan`), follows the page's visibility and connectivity, and attaches
 * the source's stream and offline cache while it serves. It changes what the source says only
 * through the machine's events.
 */
export class SourceWork<T> {
  /** This tab fetches and streams for the source (it leads its group, or works alone). */
  working = false;
  stream: SourceStream<T> | undefined;
  /** Its validators, the server's clock, its pushes: what one fetch leaves for the next. */
  readonly fetcher: Fetcher<T>;
  readonly #host: SourceHost<T>;
  readonly #p: Publisher<T>;
  readonly #member: () => Membership<T> | undefined;
  readonly #mounted: () => boolean;
  #stop = new AbortController();
  readonly #flight = new SingleFlight<SourceState<T>>((force, done) => this.#run(force, done));
  readonly #plan = new PollPlan(() => this.#pollDue());
  #onlineTimer: ReturnType<typeof setTimeout> | undefined;
  /** The stops of what the working tab started. */
  #stops: (() => void)[] = [];
  #hydration: Promise<void> | null = null;
  /** The offline cache's place for this source, while this tab serves it with `persist`. */
  #cache: Promise<SourceCache<T> | undefined> | undefined;

  /** For the source `host`, whose machine `p` writes, in its tab group (`member`) while `mounted`. */
  constructor(host: SourceHost<T>, p: Publisher<T>, member: () => Membership<T> | undefined, mounted: () => boolean) {
    this.#host = host;
    this.fetcher = new Fetcher(host);
    this.#p = p;
    this.#member = member;
    this.#mounted = mounted;
  }

  #send(event: SourceEvent<T>): void {
    this.#p.send(event);
  }

  /** This tab fetches and streams now: it leads its group, or works alone. */
  start(lastEventId?: string): void {
    const host = this.#host;
    const o = host.options;
    this.working = true;
    // In a tab group, the group tells of visibility (this tab's and the others'); alone, the page does.
    if (!this.#member()) this.#stops.push(onVisibilityChange(() => this.visibility()));
    this.#stops.push(
      onOnline(() => {
        this.#send({ type: 'connectivity', offline: false });
        clearTimeout(this.#onlineTimer);
        this.#onlineTimer = setTimeout(() => void host.request(false), Math.random() * ONLINE_JITTER);
      }),
      onOffline(() => {
        this.#plan.clear();
        this.#send({ type: 'connectivity', offline: true });
      }),
      () => clearTimeout(this.#onlineTimer),
    );
    this.#send({ type: 'connectivity', offline: isOffline() });
    this.#send({ type: 'visibility', hidden: this.hidden() });
    if (o.stream) this.#openStream(lastEventId);
    // A new cache place on each start: the namespace may have changed (another user signed in).
    this.detach();
    this.#cache = o.persist ? openCache<T>(o.namespace, host.name) : undefined;
    // Live data this tab took while it followed is its to keep now.
    this.persist();
    if (this.#cache && this.#p.model.origin !== 'live') {
      // The first fetch waits for this read (its validators); a read begun while following does not count.
      const hydration: Promise<void> = this.hydrate(this.#cache).finally(() => {
        if (this.#hydration === hydration) this.#hydration = null;
      });
      this.#hydration = hydration;
    }
    // A page opened in a background tab still loads once; only polling waits for it to show.
    if (this.hidden() && this.#plan.lastEnd === 0 && o.src) void host.request(false);
    else this.#resume();
    this.replan();
  }

  stop(): void {
    this.working = false;
    this.#plan.clear();
    this.#stops.splice(0).forEach((stop) => stop());
    void this.#cache?.then((cache) => cache?.flush());
    this.#stop.abort();
    this.#stop = new AbortController();
    // The aborted fetch is left to settle on its own; a new start must not wait for it.
    this.#flight.reset();
    this.#hydration = null;
  }

  #openStream(lastEventId: string | undefined): void {
    const host = this.#host;
    let open = true;
    this.#stops.push(() => {
      open = false;
      this.stream?.close();
      this.stream = undefined;
    });
    // Connecting from now: the stream client may still be on its way.
    this.#send({ type: 'streamChanged', phase: 'connecting', error: null, retryAt: null });
    void loadStream().then(
      ({ SourceStream }) => {
        if (open) this.stream = new SourceStream<T>(host, lastEventId);
      },
      (e: unknown) => {
        // Its code could not be loaded (the network, a CDN): no stream, and the source polls.
        if (!open) return;
        const error = liveError('network', {
          source: host.name,
          url: host.options.stream![0]!,
          message: `The stream client could not be loaded: ${(e as Error)?.message ?? e}`,
        });
        this.#send({ type: 'streamChanged', phase: 'failed', error, retryAt: null });
        this.replan();
      },
    );
  }

  // ——— the page ———

  /** Hidden for this source: every tab that shows it is (or this page, when it works alone). */
  hidden(): boolean {
    const member = this.#member();
    return member ? member.hidden : isHidden();
  }

  visibility(): void {
    if (!this.working) return;
    const hidden = this.hidden();
    this.#send({ type: 'visibility', hidden });
    if (hidden) this.#plan.clear();
    else this.#resume();
  }

  /** On start and when the page shows again: fetch at once if the data is not fresh and live, else when due. */
  #resume(): void {
    const host = this.#host;
    if (!this.working || this.hidden() || !host.options.src) return this.replan();
    const state = host.state;
    if (state.origin !== 'live' || state.stale) void host.request(false);
    else this.replan();
  }

  // ——— the schedule ———

  #facts(): PlanFacts {
    const o = this.#host.options;
    const m = this.#p.model;
    return { src: o.src, poll: o.poll, ttl: o.ttl, stream: !!o.stream, streamOpen: !!this.stream?.open, failing: !!m.fetchError, updatedAt: m.updatedAt };
  }

  /** Plans the next ordinary fetch (see `nextFetchAt`), and tells the machine whether it polls and when it tries again. */
  replan(): void {
    const facts = this.#facts();
    const due = this.#plan.arm(facts, this.working && this.#mounted() && !this.hidden() && !isOffline() && !this.#flight.busy);
    const m = this.#p.model;
    this.#send({ type: 'planned', fetches: !!facts.src, polls: polls(facts), retryAt: m.fetchError && !m.cycle ? due : undefined });
  }

  /** A planned fetch is due, unless what it was for has moved on (a stream confirmed the data meanwhile). */
  #pollDue(): void {
    const due = this.#plan.next(this.#facts());
    if (due !== null && due > Date.now()) return this.replan();
    void this.#host.request(false);
  }

  // ——— fetching ———

  /** Starts a fetch, or joins or follows the one in flight (see `SingleFlight`), in the tab that serves. */
  request(force: boolean, fresh: boolean): Promise<SourceState<T>> {
    const host = this.#host;
    // Not started, a fetch is a one-off here; started but not yet working, it waits for its role.
    if (!host.options.src || (this.#mounted() && !this.working)) return Promise.resolve(host.state);
    // The server asked for quiet: an ordinary fetch waits for it (a user's forced refresh does not).
    if (!force && this.working && this.#plan.holds()) {
      this.replan();
      return Promise.resolve(host.state);
    }
    return this.#flight.request(force, fresh);
  }

  #run(force: boolean, done: () => boolean): Promise<SourceState<T>> {
    this.#plan.started();
    const settle = (end: SourceEvent<T> | null): SourceState<T> => {
      // The end of a fetch and its state land together: a caller who sees the new state can fetch again.
      if (done()) this.#plan.ended();
      if (end) this.#send(end);
      if (end?.type === 'confirmed') this.persist();
      this.replan();
      return this.#host.state;
    };
    return this.#cycle(force, this.#stop.signal).then(settle, (e) => {
      settle({ type: 'cycleEnded' });
      throw e;
    });
  }

  /** One fetch with its retries, once the cache's read is in (its validators). */
  async #cycle(force: boolean, stop: AbortSignal): Promise<SourceEvent<T> | null> {
    if (this.#hydration) await this.#hydration;
    return stop.aborted ? null : this.fetcher.run(force, stop, (ms) => this.#plan.quiet(ms));
  }

  // ——— the offline cache ———

  /** Keeps live data on this device (at most once a second), while this tab serves. */
  persist(): void {
    const model = this.#p.model;
    if (this.working) void this.#cache?.then((cache) => cache?.keep(model, this.fetcher));
  }

  /** Shows the cached data before the network answers, and keeps its validators for the revalidation. */
  async hydrate(cache: Promise<SourceCache<T> | undefined>): Promise<void> {
    const record = await (await cache)?.read(this.#host.options.maxAge, this.fetcher, this.#mounted);
    if (record) this.#send({ type: 'hydrated', data: record.data, updatedAt: record.updatedAt });
  }

  /** Lets the offline cache go (pending writes are written). */
  detach(): void {
    void this.#cache?.then((cache) => cache?.detach());
  }
}
