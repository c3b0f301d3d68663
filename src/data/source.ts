import { onMount, type ReadableAtom } from 'nanostores';
import type { SourceHost } from './host.js';
import { invalid } from './invalid.js';
import { initialModel, type SourceEvent } from './machine.js';
import { resolveOptions, type ResolvedOptions, type SourceOptions } from './options.js';
import { registerSource, unregisterSource } from './registry.js';
import { Publisher } from './publisher.js';
import type { SourceConnection, SourceOrigin, SourceState, SourceStatus } from './state.js';
import { countStats, stats } from './stats-hook.js';
import { joinGroup } from './tab-scout.js';
import { canShareTabs, type Membership } from './tabs.js';
import { memberOf } from './source-tabs.js';
import { openCache, SourceWork } from './source-work.js';
import { clearError, setError } from './error-store.js';
import { setTabs } from './tab-store.js';

export type { SourceConnection, SourceOrigin, SourceState, SourceStatus };

/** A source of any data type, as a page's registry holds them (`Source<T>` is invariant in `T`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one place the data type is left open
export type AnySource = Source<any>;

/**
 * One named piece of server data and everything that keeps it fresh: the kernel of the data
 * layer. It starts when its first subscriber comes and stops when the last one leaves; all
 * subscribers share its requests. What it says of itself comes from its state machine
 * (`machine.ts`, written by `Publisher` alone): this class sends events. Its features (the
 * stream, its tab group) attach through `SourceHost` and load when a source uses them.
 */
export class Source<T = unknown> {
  readonly name: string;
  /** The source's state; subscribe to start it. */
  readonly $state: ReadableAtom<SourceState<T>>;
  #options: ResolvedOptions<T>;
  /** Its machine and the store that shows it: the one writer of what the source says. */
  readonly #p: Publisher<T>;
  #mounted = false;
  #member: Membership<T> | undefined;
  /** What this tab does while it serves the source. */
  readonly #w: SourceWork<T>;
  /** What its features see of it (`host.ts`): they read, and send the machine events. */
  readonly #host: SourceHost<T>;

  constructor(name: string, options: SourceOptions<T> = {}) {
    if (typeof name !== 'string' || !name.trim()) invalid('name', name);
    this.name = name;
    this.#options = resolveOptions(options);
    // Health targets are judged over the figures: count them from now.
    if (this.#options.targets) void countStats();
    this.#p = new Publisher(
      initialModel(this.#options.ttl, this.#options.fallback),
      () => this.#mounted,
      (next) => {
        // Each does nothing when the page's errors already say it.
        if (next.error) setError(this.name, next.error, next.retryAt);
        else clearError(this.name);
        this.#member?.broadcast(next);
      },
    );
    this.$state = this.#p.$state;
    // Data a server render passed along: live as of when the server had it.
    const initial = this.#options.initial;
    if (initial) this.#send({ type: 'pushed', data: initial.data, at: initial.updatedAt });
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the host's getters have their own `this`
    const source = this;
    this.#host = {
      name,
      get options() {
        return source.#options;
      },
      get state() {
        return source.state;
      },
      send: (event) => this.#send(event),
      replan: () => this.#w.replan(),
      push: (data) => this.push(data),
      request: (force, fresh) => this.#request(force, fresh),
      hidden: () => this.#w.hidden(),
      broadcast: () => this.#member?.broadcast(this.state),
    };
    this.#w = new SourceWork(
      this.#host,
      this.#p,
      () => this.#member,
      () => this.#mounted,
    );
    onMount(this.$state, () => {
      this.#start();
      return () => this.#halt();
    });
  }

  /** The current state, without starting the source (unlike nanostores' `$state.get()`). */
  get state(): SourceState<T> {
    return this.#p.state;
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
    const fetcher = this.#w.fetcher;
    const at = fetcher.pushedAt(data);
    // A follower shows it at once, and hands it to the leader, which applies it for every tab (and keeps it).
    if (this.#member?.role === 'follower') this.#member.push(data);
    else {
      stats()?.push(this.name);
      fetcher.pushes++;
    }
    this.#send({ type: 'pushed', data, at });
    this.#w.persist();
  }

  /** Changes options at once: a new poll reschedules, a new src refetches. Throws like `createSource`. */
  configure(options: SourceOptions<T>): void {
    const before = this.#options;
    this.#options = resolveOptions(options, before);
    const o = this.#options;
    if (o.targets) void countStats();
    // Another user's (a new namespace): the last one's data is neither shown to this one nor kept
    // for them; it starts over below, as a new source would.
    this.#send({ type: 'configured', ttl: o.ttl, user: o.namespace !== before.namespace, fallback: o.fallback });
    // Validators are worth nothing without the data they validate, nor for another address.
    if (o.src !== before.src || !this.state.updatedAt) this.#w.fetcher.etag = this.#w.fetcher.lastModified = undefined;
    if (!this.#mounted) return;
    const keyed: (keyof ResolvedOptions)[] = ['src', 'stream', 'transport', 'event', 'persist', 'namespace', 'tabs'];
    if (keyed.some((k) => o[k] !== before[k])) {
      // Another identity across tabs, another stream or another cache: start over with them.
      this.#halt();
      this.#start();
      if (o.src !== before.src) void this.revalidate();
    } else if (o.poll !== before.poll || o.ttl !== before.ttl) {
      this.#w.replan();
    }
  }

  /** Removes the source from the page: stops its work and frees its name. */
  dispose(): void {
    this.#halt();
    this.#w.detach();
    unregisterSource(this);
    stats()?.forget(this.name);
    clearError(this.name);
  }

  // ——— the one writer ———

  #send(event: SourceEvent<T>): void {
    this.#p.send(event);
  }

  #batch(steps: () => void): void {
    this.#p.batch(steps);
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
          this.#member = joinGroup(
            o.namespace,
            memberOf(
              this.#host,
              this.#w,
              (lastEventId) => this.#lead(lastEventId),
              () => this.#follow(),
            ),
          );
        } catch {
          this.#member = undefined;
        }
      }
      if (!this.#member) {
        setTabs(this.name, { role: 'independent', tabs: 1 });
        return this.#lead(undefined);
      }
      // Until it serves, it shows the leader's state, else what this device cached.
      if (!this.#w.working && o.persist) void this.#w.hydrate(openCache<T>(o.namespace, this.name));
    });
  }

  #lead(lastEventId: string | undefined): void {
    if (this.#w.working || !this.#mounted) return;
    this.#batch(() => {
      this.#send({ type: 'led' });
      this.#w.start(lastEventId);
    });
  }

  #follow(): void {
    if (!this.#w.working) return;
    this.#w.stop();
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
      if (this.#w.working) this.#w.stop();
      setTabs(this.name, undefined);
      this.#send({ type: 'stopped' });
    });
  }

  /** A fetch in the tab that serves the source: a follower asks the leader. */
  #request(force: boolean, fresh = force): Promise<SourceState<T>> {
    const member = this.#member;
    return member?.role === 'follower' ? member.request(force, fresh) : this.#w.request(force, fresh);
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
