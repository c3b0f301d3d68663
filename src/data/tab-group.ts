import { Lock, type LockMode } from './lock.js';
import { Peers } from './peers.js';
import type { SourceState } from './state.js';
import { countStats, stats } from './stats-hook.js';
import { lockName, PROBE, type Member, type Membership as Joined, type TabEnvironment, type TabRole } from './tabs.js';
import type { SourceStats } from './figures.js';

/** What crosses between tabs: structured-clonable data only. */
type Message =
  | { t: 'hello'; from: string; visible: boolean; keys: string[] }
  | { t: 'visible'; from: string; visible: boolean }
  | { t: 'bye'; from: string }
  | { t: 'who'; from: string }
  | { t: 'leading'; from: string }
  | { t: 'serving'; from: string; key: string }
  | { t: 'state'; from: string; key: string; state: SourceState; stats: SourceStats | undefined; lastEventId: string | undefined; tabs: number }
  | { t: 'request'; from: string; to: string; key: string; id: number; force: boolean; fresh: boolean }
  | { t: 'ack' | 'done'; from: string; to: string; id: number; state?: SourceState }
  | { t: 'push'; from: string; to: string; key: string; data: unknown }
  | { t: 'ping'; from: string; to: string }
  | { t: 'pong'; from: string; tabs: number }
  | { t: 'steal'; from: string; keys: string[]; group: boolean }
  | { t: 'count'; from: string };

interface Pending<T> {
  resolve(state: SourceState<T>): void;
  force: boolean;
  fresh: boolean;
  /** The tab it was sent to. */
  to: string | undefined;
  giveUp: ReturnType<typeof setTimeout>;
}

/** How often a tab that serves others checks which tabs are still there. */
const SWEEP = 5000;

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
 */
export class TabGroup {
  readonly #name: string;
  readonly #env: TabEnvironment;
  readonly #onEmpty: () => void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- members of every data type
  #members = new Map<string, Entry<any>>();
  #channel: BroadcastChannel | null = null;
  #groupLock: Lock | null = null;
  #presence: Lock | null = null;
  #leading = false;
  /** What this tab knows of the others. */
  #peers = new Peers();
  /** The group's size as its leader counts it. */
  #count = 1;
  /** The serving tab last asked to count the figures (once each: its code takes a moment to load). */
  #askedToCount: string | undefined;
  #away = false;
  #nextId = 0;
  #watchdog: ReturnType<typeof setInterval> | undefined;
  #sweeper: ReturnType<typeof setInterval> | undefined;
  #unlisten: (() => void)[] = [];
  /** Locks this tab already holds, by name, taken over instead of asked for. */
  readonly #held: Map<string, Lock>;

  constructor(name: string, env: TabEnvironment, onEmpty: () => void = () => {}, held = new Map<string, Lock>()) {
    this.#name = name;
    this.#env = env;
    this.#onEmpty = onEmpty;
    this.#held = held;
  }

  get id(): string {
    return this.#env.id;
  }

  /** Adds a source of this tab to the group. It follows until its lock (or the group's) makes it serve. */
  join<T>(member: Member<T>): Joined<T> {
    const entry = new Entry<T>(this, member);
    const first = this.#members.size === 0;
    this.#members.set(member.key, entry);
    if (first) this.#open();
    else if (!this.#away) {
      this.#ask(entry, this.#leading);
      this.#hello();
    }
    this.#report(entry);
    return entry;
  }

  /** Removes a source; the last one closes the group for this tab. */
  leave(entry: Entry): void {
    if (this.#members.get(entry.member.key) !== entry) return;
    this.#members.delete(entry.member.key);
    entry.lock?.release();
    for (const p of entry.pending.values()) clearTimeout(p.giveUp);
    if (this.#members.size === 0) {
      this.#close();
      this.#onEmpty();
    } else this.#hello();
  }

  /** Hidden for a source: this tab and every other tab that shows it are. */
  hidden(key: string): boolean {
    if (!this.#env.hidden()) return false;
    return !!this.#members.get(key)?.alone || !this.#peers.visibleShowing(key);
  }

  /** Serving: tells the tabs that show the source its new state. */
  broadcast(entry: Entry, state: SourceState): void {
    if (!entry.serving || entry.alone || !this.#peers.showing(entry.member.key)) return;
    const { key, name } = entry.member;
    this.#post({ t: 'state', from: this.id, key, state, stats: stats()?.of(name), lastEventId: entry.member.lastEventId(), tabs: this.#size() });
  }

  /** Following: asks the serving tab to fetch, and resolves with the state after it; after `requestLimit`, as a failed refresh. */
  request<T>(entry: Entry<T>, force: boolean, fresh: boolean): Promise<SourceState<T>> {
    if (entry.serving) return entry.member.request(force, fresh);
    const id = ++this.#nextId;
    return new Promise((resolve) => {
      const giveUp = setTimeout(() => {
        entry.pending.delete(id);
        resolve(entry.member.unanswered());
      }, entry.member.requestLimit);
      entry.pending.set(id, { resolve, force, fresh, to: undefined, giveUp });
      this.#send(entry, id);
    });
  }

  push(entry: Entry, data: unknown): void {
    const to = this.#peers.serverOf(entry.member.key);
    if (to && to !== this.id) this.#post({ t: 'push', from: this.id, to, key: entry.member.key, data });
  }

  // ——— the group's life in this tab ———

  #open(): void {
    this.#away = false;
    this.#unlisten.push(
      this.#env.onVisibility(() => this.#onVisibility()),
      this.#env.onLifecycle({ away: () => this.#leaveForNow(), back: () => this.#comeBack() }),
    );
    this.#connect();
  }

  #connect(): void {
    this.#channel = new BroadcastChannel(this.#name);
    this.#channel.onmessage = (e: MessageEvent<Message>) => this.#onMessage(e.data);
    this.#presence = new Lock(
      `${this.#name}:tab:${this.id}`,
      false,
      () => {},
      () => {},
    );
    // The sources' locks first: a tab that holds them all serves them before it leads, and steals none from itself.
    for (const entry of this.#members.values()) this.#ask(entry, false);
    this.#askGroup(false);
    this.#hello();
    this.#arm();
  }

  /** Lets go of everything: the page is closing, going into the back/forward cache, or being frozen. */
  #disconnect(): void {
    this.#post({ t: 'bye', from: this.id });
    this.#groupLock?.release();
    this.#presence?.release();
    this.#groupLock = this.#presence = null;
    this.#leading = false;
    for (const entry of this.#members.values()) {
      entry.lock?.release();
      entry.lock = null;
      this.#stopServing(entry);
    }
    this.#channel?.close();
    this.#channel = null;
    this.#peers.clear();
    clearInterval(this.#watchdog);
    clearInterval(this.#sweeper);
    this.#watchdog = this.#sweeper = undefined;
  }

  #leaveForNow(): void {
    if (this.#away) return;
    this.#away = true;
    this.#disconnect();
  }

  #comeBack(): void {
    if (!this.#away || !this.#members.size) return;
    this.#away = false;
    this.#connect();
  }

  #close(): void {
    if (!this.#away) this.#disconnect();
    this.#unlisten.splice(0).forEach((off) => off());
  }

  // ——— locks ———

  /** A lock asked for, or the one this tab already holds by that name. */
  #lock(name: string, mode: LockMode, granted: () => void, lost: (broken: boolean) => void): Lock {
    const held = this.#held.get(name);
    this.#held.delete(name);
    return held?.adopt(granted, lost) ?? new Lock(name, mode, granted, lost);
  }

  #askGroup(steal: boolean): void {
    this.#groupLock?.release();
    this.#groupLock = this.#lock(
      this.#name,
      steal,
      () => this.#lead(),
      (broken) => {
        this.#leading = false;
        if (!broken && !this.#away) this.#askGroup(false);
      },
    );
  }

  /** The group's lock: take the locks of this tab's sources, so that one tab serves them all. */
  #lead(): void {
    this.#leading = true;
    this.#peers.leader = this.id;
    this.#post({ t: 'leading', from: this.id });
    // The others knew another leader: they say who they are again.
    this.#post({ t: 'who', from: this.id });
    // (A lock held but not yet served is one taken over from a lone tab: it serves in a moment.)
    const taken = [...this.#members.values()].filter((e) => !e.serving && !e.lock?.held);
    if (taken.length) this.#post({ t: 'steal', from: this.id, keys: taken.map((e) => e.member.key), group: false });
    for (const entry of taken) this.#ask(entry, true);
    this.#arm();
    for (const entry of this.#members.values()) this.#report(entry);
  }

  #ask(entry: Entry, steal: boolean): void {
    entry.lock?.release();
    const lock = this.#lock(
      lockName(this.#name, entry.member.key),
      steal,
      () => this.#serve(entry),
      (broken) => {
        if (entry.lock !== lock) return;
        if (broken) return this.#alone(entry);
        this.#stopServing(entry);
        if (this.#away || this.#members.get(entry.member.key) !== entry) return;
        this.#ask(entry, false);
        // Taken by a tab that thought this one gone: say it is here.
        this.#hello();
      },
    );
    entry.lock = lock;
  }

  #serve(entry: Entry): void {
    if (entry.serving || this.#members.get(entry.member.key) !== entry) return;
    entry.serving = true;
    this.#peers.serves(entry.member.key, this.id);
    this.#post({ t: 'serving', from: this.id, key: entry.member.key });
    entry.member.lead(entry.lastEventId, false);
    this.#report(entry);
    this.#arm();
    // What this tab had asked of the old server is run here now.
    for (const [id, p] of entry.pending) {
      entry.pending.delete(id);
      clearTimeout(p.giveUp);
      void entry.member.request(p.force, p.fresh).then(p.resolve);
    }
    this.broadcast(entry, entry.member.state);
  }

  #stopServing(entry: Entry): void {
    if (!entry.serving) return;
    entry.serving = false;
    this.#peers.stops(entry.member.key, this.id);
    entry.member.follow();
    this.#report(entry);
  }

  /** Web Locks failed here: this source works alone in this tab. */
  #alone(entry: Entry): void {
    entry.alone = entry.serving = true;
    entry.member.lead(undefined, true);
    this.#report(entry);
  }

  // ——— messages ———

  #post(message: Message): void {
    try {
      this.#channel?.postMessage(message);
    } catch {
      /* DataCloneError: this state stays in this tab */
    }
  }

  #hello(): void {
    this.#post({ t: 'hello', from: this.id, visible: !this.#env.hidden(), keys: [...this.#members.keys()] });
  }

  #onMessage(m: Message): void {
    if (this.#away) return;
    this.#peers.heard(m.from);
    switch (m.t) {
      case 'hello':
      case 'visible': {
        this.#peers.said(m.from, m.visible, m.t === 'hello' ? m.keys : undefined);
        this.#visibilityChanged();
        if (m.t === 'hello') {
          // A tab that opens late gets the state at once.
          for (const entry of this.#members.values()) {
            if (!entry.serving || entry.alone || !m.keys.includes(entry.member.key)) continue;
            this.#post({ t: 'serving', from: this.id, key: entry.member.key });
            this.broadcast(entry, entry.member.state);
          }
          if (this.#leading) this.#post({ t: 'leading', from: this.id });
        }
        this.#recount();
        return;
      }
      case 'bye':
        this.#forget(m.from);
        return;
      case 'who':
        this.#hello();
        return;
      case 'leading':
        this.#peers.leader = m.from;
        return;
      case 'serving': {
        const entry = this.#members.get(m.key);
        // Old news: this tab holds the source's lock, so the sender lost it since (a queued tab was
        // granted it as the leader left, then the new leader stole it; the messages crossed, as
        // they do in Firefox). A steal of this tab's lock is heard as the lock lost, not from a message.
        if (entry?.lock?.held) return;
        this.#peers.serves(m.key, m.from);
        if (!entry || entry.alone) return;
        // Another tab serves it now: the lock this tab held was taken (its news may still be on its way).
        this.#stopServing(entry);
        for (const id of entry.pending.keys()) this.#send(entry, id);
        this.#arm();
        return;
      }
      case 'state': {
        const entry = this.#members.get(m.key);
        if (!entry || entry.serving) return;
        this.#peers.serves(m.key, m.from);
        entry.lastEventId = m.lastEventId;
        this.#count = m.tabs;
        if (m.stats) stats()?.replace(entry.member.name, m.stats);
        // Figures are watched here, and the serving tab counts none: ask it to, once.
        else if (stats() && this.#askedToCount !== m.from) {
          this.#askedToCount = m.from;
          this.#post({ t: 'count', from: this.id });
        }
        entry.member.apply(m.state);
        for (const id of entry.pending.keys()) this.#send(entry, id);
        this.#report(entry);
        return;
      }
      case 'request': {
        const entry = this.#members.get(m.key);
        if (m.to !== this.id || !entry?.serving) return;
        this.#post({ t: 'ack', from: this.id, to: m.from, id: m.id });
        void entry.member.request(m.force, m.fresh).then((state) => this.#post({ t: 'done', from: this.id, to: m.from, id: m.id, state }));
        return;
      }
      case 'count':
        void countStats();
        return;
      case 'ack':
        // Heard: the server is alive and working on it.
        return;
      case 'done': {
        if (m.to !== this.id) return;
        for (const entry of this.#members.values()) {
          const p = entry.pending.get(m.id);
          if (!p) continue;
          entry.pending.delete(m.id);
          clearTimeout(p.giveUp);
          p.resolve(m.state as SourceState);
        }
        return;
      }
      case 'push': {
        const entry = this.#members.get(m.key);
        if (m.to === this.id && entry?.serving) entry.member.push(m.data);
        return;
      }
      case 'ping':
        if (m.to === this.id) this.#post({ t: 'pong', from: this.id, tabs: this.#size() });
        return;
      case 'pong':
        if (m.from === this.#peers.leader) this.#count = m.tabs;
        this.#reportAll();
        return;
      case 'steal':
        // Told before it happens: stop at once rather than when the lock's news arrives.
        for (const key of m.keys) {
          const entry = this.#members.get(key);
          if (entry && !entry.alone) this.#stopServing(entry);
        }
        if (m.group) this.#leading = false;
        return;
    }
  }

  /** Sends (or sends again, to the tab serving now) a pending request. */
  #send(entry: Entry, id: number): void {
    const p = entry.pending.get(id);
    const to = this.#peers.serverOf(entry.member.key);
    if (!p || !to || to === this.id || p.to === to) return;
    p.to = to;
    this.#post({ t: 'request', from: this.id, to, key: entry.member.key, id, force: p.force, fresh: p.fresh });
  }

  #forget(tab: string): void {
    if (!this.#peers.forget(tab)) return;
    this.#visibilityChanged();
    this.#recount();
  }

  #onVisibility(): void {
    if (this.#away) return;
    this.#post({ t: 'visible', from: this.id, visible: !this.#env.hidden() });
    this.#peers.awake();
    this.#visibilityChanged();
    this.#arm();
  }

  #visibilityChanged(): void {
    for (const entry of this.#members.values()) entry.member.visibilityChanged();
  }

  // ——— the watchdog and the count ———

  /** Starts or stops the two timers: the watchdog (a visible tab that follows) and the sweep (a tab that serves others). */
  #arm(): void {
    const following = [...this.#members.values()].some((e) => !e.serving);
    const watch = !this.#away && following && !this.#env.hidden() && this.#channel !== null;
    if (watch && !this.#watchdog) this.#watchdog = setInterval(() => this.#watch(), PROBE / 4);
    if (!watch && this.#watchdog) {
      clearInterval(this.#watchdog);
      this.#watchdog = undefined;
    }
    const serving = [...this.#members.values()].some((e) => e.serving && !e.alone);
    const sweep = !this.#away && (serving || this.#leading) && this.#peers.size > 0;
    if (sweep && !this.#sweeper) this.#sweeper = setInterval(() => void this.#sweep(), SWEEP);
    if (!sweep && this.#sweeper) {
      clearInterval(this.#sweeper);
      this.#sweeper = undefined;
    }
  }

  /** A visible follower: ask a silent server, and take over from one that does not answer. */
  #watch(): void {
    if (this.#away || this.#env.hidden()) return this.#arm();
    const followed = [...this.#members.values()].filter((e) => !e.serving).map((e) => e.member.key);
    const { ping, stuck, unclaimed } = this.#peers.watch(followed);
    for (const to of ping) this.#post({ t: 'ping', from: this.id, to });
    for (const [tab, keys] of stuck) this.#takeOver(keys, tab);
    if (unclaimed.length) this.#takeOver(unclaimed, this.#peers.leader);
  }

  /** Takes the locks a silent tab holds (the group's too, when it leads or nobody is known to), after telling it. */
  #takeOver(keys: string[], tab: string | undefined): void {
    const leader = this.#peers.leader;
    const group = !this.#leading && (tab === undefined || leader === undefined || leader === tab);
    this.#post({ t: 'steal', from: this.id, keys, group });
    if (tab) this.#forget(tab);
    this.#peers.claimed(keys);
    if (group) this.#askGroup(true);
    for (const key of keys) this.#ask(this.#members.get(key)!, true);
  }

  /** Drops the tabs whose presence lock is gone (closed or crashed without a word). */
  async #sweep(): Promise<void> {
    try {
      const { held = [], pending = [] } = await navigator.locks.query();
      const alive = new Set([...held, ...pending].map((l) => l.name));
      for (const tab of this.#peers.ids()) if (!alive.has(`${this.#name}:tab:${tab}`)) this.#forget(tab);
    } catch {
      /* query refused: the count waits for the tabs' goodbyes */
    }
  }

  #size(): number {
    return 1 + this.#peers.size;
  }

  #recount(): void {
    // The leader's count is the group's: it tells the others when it changes.
    if (this.#leading && this.#count !== this.#size()) {
      this.#count = this.#size();
      this.#post({ t: 'pong', from: this.id, tabs: this.#count });
    }
    this.#reportAll();
    this.#arm();
  }

  #reportAll(): void {
    for (const entry of this.#members.values()) this.#report(entry);
  }

  #report(entry: Entry): void {
    const tabs = entry.alone ? 1 : this.#leading || entry.serving ? this.#size() : this.#count;
    entry.member.roleChanged(entry.role, tabs);
  }
}

/** A source's place in its group, as the source sees it, and what the group keeps of it. */
class Entry<T = unknown> implements Joined<T> {
  lock: Lock | null = null;
  serving = false;
  /** Web Locks failed here: it works alone in this tab. */
  alone = false;
  lastEventId: string | undefined;
  /** This tab's requests to the serving tab, by id. */
  pending = new Map<number, Pending<T>>();

  constructor(
    readonly group: TabGroup,
    readonly member: Member<T>,
  ) {}

  get role(): TabRole {
    return this.alone ? 'independent' : this.serving ? 'leader' : 'follower';
  }

  get hidden(): boolean {
    return this.group.hidden(this.member.key);
  }

  broadcast(state: SourceState<T>): void {
    this.group.broadcast(this, state);
  }

  request(force: boolean, fresh: boolean): Promise<SourceState<T>> {
    return this.group.request(this, force, fresh);
  }

  push(data: T): void {
    this.group.push(this, data);
  }

  leave(): void {
    this.group.leave(this);
  }
}
