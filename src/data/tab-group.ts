import { Lock, type LockMode } from './lock.js';
import { Peers } from './peers.js';
import { Entry } from './tab-entry.js';
import { hear, type Message } from './tab-inbox.js';
import { Watch } from './tab-watch.js';
import { lockName, type Member, type Membership as Joined, type TabEnvironment } from './tabs.js';

/**
 * One network client for all same-origin tabs, per cache namespace. Every source is served by
 * the tab that holds its Web Lock: that tab fetches and streams, and broadcasts each state over
 * the group's BroadcastChannel; the other tabs follow. The tab that holds the group's own lock
 * leads: it takes the locks of all its sources, so one tab serves them all (one connection per
 * stream). A tab lets go of everything when it goes into the back/forward cache or is frozen,
 * and asks again when it comes back. A visible follower that hears nothing from the tab serving
 * it, even when it asks, takes over with `steal`. Each tab holds a presence lock while it is in
 * the group, so a tab that crashed drops out of the count. A tab that was alone loads this when
 * another tab comes (`tab-scout.ts`), and hands it the locks it holds.
 *
 * Here: the group's life in this tab, its locks and its count. `tab-inbox.ts` reads the channel,
 * `tab-entry.ts` is a source's place (its state sent, its requests to the serving tab), and
 * `tab-watch.ts` runs the watchdog and the sweep; the public members below are theirs.
 */
export class TabGroup {
  readonly #name: string;
  readonly env_: TabEnvironment;
  readonly #onEmpty: () => void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- members of every data type
  members_ = new Map<string, Entry<any>>();
  #channel: BroadcastChannel | null = null;
  #groupLock: Lock | null = null;
  #presence: Lock | null = null;
  leading_ = false;
  /** What this tab knows of the others. */
  peers_ = new Peers();
  /** The group's size as its leader counts it. */
  count_ = 1;
  /** The serving tab last asked to count the figures (once each: its code takes a moment to load). */
  askedToCount_: string | undefined;
  away_ = false;
  readonly #timers = new Watch(this);
  #unlisten: (() => void)[] = [];
  /** Locks this tab already holds, by name, taken over instead of asked for. */
  readonly #held: Map<string, Lock>;

  constructor(name: string, env: TabEnvironment, onEmpty: () => void = () => {}, held = new Map<string, Lock>()) {
    this.#name = name;
    this.env_ = env;
    this.#onEmpty = onEmpty;
    this.#held = held;
  }

  get id(): string {
    return this.env_.id;
  }

  /** Adds a source of this tab to the group. It follows until its lock (or the group's) makes it serve. */
  join<T>(member: Member<T>): Joined<T> {
    const entry = new Entry<T>(this, member);
    const first = this.members_.size === 0;
    this.members_.set(member.key, entry);
    if (first) this.#open();
    else if (!this.away_) {
      this.ask_(entry, this.leading_);
      this.hello_();
    }
    this.report_(entry);
    return entry;
  }

  /** Removes a source; the last one closes the group for this tab. */
  leave(entry: Entry): void {
    if (this.members_.get(entry.member_.key) !== entry) return;
    this.members_.delete(entry.member_.key);
    entry.lock_?.release();
    entry.settle_();
    if (this.members_.size === 0) {
      this.#close();
      this.#onEmpty();
    } else this.hello_();
  }

  // ——— the group's life in this tab ———

  #open(): void {
    this.away_ = false;
    this.#unlisten.push(
      this.env_.onVisibility(() => this.#onVisibility()),
      this.env_.onLifecycle({ away: () => this.#leaveForNow(), back: () => this.#comeBack() }),
    );
    this.#connect();
  }

  #connect(): void {
    this.#channel = new BroadcastChannel(this.#name);
    this.#channel.onmessage = (e: MessageEvent<Message>) => hear(this, e.data);
    this.#presence = new Lock(
      this.presenceOf_(this.id),
      false,
      () => {},
      () => {},
    );
    // The sources' locks first: a tab that holds them all serves them before it leads, and steals none from itself.
    for (const entry of this.members_.values()) this.ask_(entry, false);
    this.askGroup_(false);
    this.hello_();
    this.arm_();
  }

  /** Lets go of everything: the page is closing, going into the back/forward cache, or being frozen. */
  #disconnect(): void {
    this.post_({ t: 'bye', from: this.id });
    this.#groupLock?.release();
    this.#presence?.release();
    this.#groupLock = this.#presence = null;
    this.leading_ = false;
    for (const entry of this.members_.values()) {
      entry.lock_?.release();
      entry.lock_ = null;
      this.stopServing_(entry);
    }
    this.#channel?.close();
    this.#channel = null;
    this.peers_.clear();
    this.arm_();
  }

  #leaveForNow(): void {
    if (this.away_) return;
    this.away_ = true;
    this.#disconnect();
  }

  #comeBack(): void {
    if (!this.away_ || !this.members_.size) return;
    this.away_ = false;
    this.#connect();
  }

  #close(): void {
    if (!this.away_) this.#disconnect();
    this.#unlisten.splice(0).forEach((off) => off());
  }

  // ——— locks ———

  /** A lock asked for, or the one this tab already holds by that name. */
  #lock(name: string, mode: LockMode, granted: () => void, lost: (broken: boolean) => void): Lock {
    const held = this.#held.get(name);
    this.#held.delete(name);
    return held?.adopt(granted, lost) ?? new Lock(name, mode, granted, lost);
  }

  /** Asks for the group's lock (`steal`: takes it from the leader). */
  askGroup_(steal: boolean): void {
    this.#groupLock?.release();
    this.#groupLock = this.#lock(
      this.#name,
      steal,
      () => this.#lead(),
      (broken) => {
        this.leading_ = false;
        if (!broken && !this.away_) this.askGroup_(false);
      },
    );
  }

  /** The group's lock: take the locks of this tab's sources, so that one tab serves them all. */
  #lead(): void {
    this.leading_ = true;
    this.peers_.leader = this.id;
    this.post_({ t: 'leading', from: this.id });
    // The others knew another leader: they say who they are again.
    this.post_({ t: 'who', from: this.id });
    // (A lock held but not yet served is one taken over from a lone tab: it serves in a moment.)
    const taken = [...this.members_.values()].filter((e) => !e.serving_ && !e.lock_?.held);
    if (taken.length) this.post_({ t: 'steal', from: this.id, keys: taken.map((e) => e.member_.key), group: false });
    for (const entry of taken) this.ask_(entry, true);
    this.arm_();
    for (const entry of this.members_.values()) this.report_(entry);
  }

  /** Asks for a source's lock (`steal`: takes it from the tab that holds it). */
  ask_(entry: Entry, steal: boolean): void {
    entry.lock_?.release();
    const lock = this.#lock(
      lockName(this.#name, entry.member_.key),
      steal,
      () => this.#serve(entry),
      (broken) => {
        if (entry.lock_ !== lock) return;
        if (broken) return this.#alone(entry);
        this.stopServing_(entry);
        if (this.away_ || this.members_.get(entry.member_.key) !== entry) return;
        this.ask_(entry, false);
        // Taken by a tab that thought this one gone: say it is here.
        this.hello_();
      },
    );
    entry.lock_ = lock;
  }

  #serve(entry: Entry): void {
    if (entry.serving_ || this.members_.get(entry.member_.key) !== entry) return;
    entry.serving_ = true;
    this.peers_.serves(entry.member_.key, this.id);
    this.post_({ t: 'serving', from: this.id, key: entry.member_.key });
    entry.member_.lead(entry.lastEventId_, false);
    this.report_(entry);
    this.arm_();
    // What this tab had asked of the old server is run here now.
    entry.settle_(true);
    entry.broadcast(entry.member_.state);
  }

  stopServing_(entry: Entry): void {
    if (!entry.serving_) return;
    entry.serving_ = false;
    this.peers_.stops(entry.member_.key, this.id);
    entry.member_.follow();
    this.report_(entry);
  }

  /** Web Locks failed here: this source works alone in this tab. */
  #alone(entry: Entry): void {
    entry.alone_ = entry.serving_ = true;
    entry.member_.lead(undefined, true);
    this.report_(entry);
  }

  // ——— messages ———

  post_(message: Message): void {
    try {
      this.#channel?.postMessage(message);
    } catch {
      /* DataCloneError: this state stays in this tab */
    }
  }

  hello_(): void {
    this.post_({ t: 'hello', from: this.id, visible: !this.env_.hidden(), keys: [...this.members_.keys()] });
  }

  forget_(tab: string): void {
    if (!this.peers_.forget(tab)) return;
    this.visibilityChanged_();
    this.recount_();
  }

  #onVisibility(): void {
    if (this.away_) return;
    this.post_({ t: 'visible', from: this.id, visible: !this.env_.hidden() });
    this.peers_.awake();
    this.visibilityChanged_();
    this.arm_();
  }

  visibilityChanged_(): void {
    for (const entry of this.members_.values()) entry.member_.visibilityChanged();
  }

  // ——— the watchdog and the count ———

  /** Starts or stops the watchdog and the sweep (`tab-watch.ts`) as the group's state now asks. */
  arm_(): void {
    this.#timers.arm();
  }

  get connected_(): boolean {
    return this.#channel !== null;
  }

  /** The lock a tab of the group holds while it is there. */
  presenceOf_(tab: string): string {
    return `${this.#name}:tab:${tab}`;
  }

  size_(): number {
    return 1 + this.peers_.size;
  }

  recount_(): void {
    // The leader's count is the group's: it tells the others when it changes.
    if (this.leading_ && this.count_ !== this.size_()) {
      this.count_ = this.size_();
      this.post_({ t: 'pong', from: this.id, tabs: this.count_ });
    }
    this.reportAll_();
    this.arm_();
  }

  reportAll_(): void {
    for (const entry of this.members_.values()) this.report_(entry);
  }

  report_(entry: Entry): void {
    const tabs = entry.alone_ ? 1 : this.leading_ || entry.serving_ ? this.size_() : this.count_;
    entry.member_.roleChanged(entry.role, tabs);
  }
}
