import { Lock } from './lock.js';
import type { SourceState } from './state.js';
import type { TabGroup } from './tab-group.js';
import { lockName, pageEnvironment, type Member, type Membership, type TabEnvironment, type TabRole } from './tabs.js';
import { shared } from '../shared.js';

/** What the scout loads when another tab comes. */
interface Protocol {
  TabGroup: typeof TabGroup;
}

/**
 * A tab group's door. While this tab is the only one of its group, it holds the group's lock and
 * each source's, and its sources work with none of the group protocol loaded (`tab-group.ts`,
 * most of what tabs cost). It learns that another tab is there when a lock it tries is taken, or
 * when a word comes on the group's channel (a newcomer's hello, which only the protocol sends);
 * then it loads the protocol and hands it the locks it holds, so the newcomer follows and nothing
 * is fetched twice. A tab that finds its group's lock taken loads the protocol at once and
 * follows. Where the protocol cannot load, the sources work alone, as without Web Locks.
 */
export class Scout {
  readonly #name: string;
  readonly env_: TabEnvironment;
  readonly #onEmpty: () => void;
  readonly #load: () => Promise<Protocol>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- seats of every data type
  readonly #seats = new Map<string, Seat<any>>();
  #lock: Lock | null = null;
  #channel: BroadcastChannel | null = null;
  #unlisten: (() => void)[] = [];
  #away = false;
  #protocol: Protocol | undefined;
  #loading = false;
  /** Web Locks fail here, or the protocol could not load: every source works alone, those to come too. */
  #independent = false;
  #group: TabGroup | undefined;
  #wake = () => {};
  /** Settles when a seat's lot changes (it serves, works alone, or joins the group): a waiting request asks again. */
  changed = this.#next();

  constructor(name: string, env: TabEnvironment = pageEnvironment(), onEmpty = () => {}, load: () => Promise<Protocol> = () => import('./tab-group.js')) {
    this.#name = name;
    this.env_ = env;
    this.#onEmpty = onEmpty;
    this.#load = load;
  }

  join<T>(member: Member<T>): Membership<T> {
    const seat = new Seat<T>(this, member);
    this.#seats.set(member.key, seat);
    if (this.#group) seat.joined_ = this.#group.join(member);
    else if (this.#independent) this.#solo(seat);
    else {
      member.roleChanged('follower', 1);
      if (this.#seats.size === 1) this.#open();
      else if (this.#lock?.held) this.#take(seat);
    }
    return seat;
  }

  leave(seat: Seat<unknown>): void {
    if (this.#seats.get(seat.member_.key) !== seat) return;
    this.#seats.delete(seat.member_.key);
    seat.lock_?.release();
    seat.joined_?.leave();
    if (this.#seats.size) return;
    this.#quiet(true);
    this.#unlisten.splice(0).forEach((off) => off());
    this.#onEmpty();
  }

  #next(): Promise<void> {
    return new Promise((resolve) => (this.#wake = resolve));
  }

  #changed(): void {
    const wake = this.#wake;
    this.changed = this.#next();
    wake();
  }

  #open(): void {
    this.#unlisten.push(
      // (Until the hand-over: the group tells its members then.)
      this.env_.onVisibility(() => this.#seats.forEach((seat) => seat.member_.visibilityChanged())),
      this.env_.onLifecycle({
        away: () => {
          if (this.#group || this.#away || this.#independent) return;
          this.#away = true;
          this.#quiet(true);
        },
        back: () => {
          if (this.#group || !this.#away) return;
          this.#away = false;
          if (this.#protocol) this.#hand();
          else this.#connect();
        },
      }),
    );
    this.#connect();
  }

  #connect(): void {
    // Only the protocol speaks on the channel: any word on it is another tab.
    this.#channel = new BroadcastChannel(this.#name);
    this.#channel.onmessage = () => this.#grow();
    const lock = new Lock(
      this.#name,
      'try',
      () => (this.#group ? lock.release() : this.#seats.forEach((seat) => this.#take(seat))),
      (broken) => this.#lost(broken),
    );
    this.#lock = lock;
  }

  /**
   * A lock tried is taken, or one held was stolen (another tab is here: a source served from here
   * follows at once), or Web Locks fail. After the hand-over, answers are the group's business: a
   * late grant is let go at once (the group takes its locks itself), anything else changes nothing.
   */
  #lost(broken: boolean, seat?: Seat<unknown>): void {
    if (this.#group) return;
    if (broken) return this.#alone();
    if (seat) this.#follow(seat);
    this.#grow();
  }

  #follow(seat: Seat<unknown>): void {
    if (!seat.serving_ || seat.alone_) return;
    seat.serving_ = false;
    seat.member_.follow();
    seat.member_.roleChanged('follower', 1);
  }

  /** Tries a source's lock: held, this tab serves it; taken, another tab is here. */
  #take<T>(seat: Seat<T>): void {
    const lock = new Lock(
      lockName(this.#name, seat.member_.key),
      'try',
      () => {
        if (this.#group) return lock.release();
        seat.serving_ = true;
        seat.member_.lead(undefined, false);
        seat.member_.roleChanged('leader', 1);
        this.#changed();
      },
      (broken) => this.#lost(broken, seat),
    );
    seat.lock_ = lock;
  }

  /** Lets go of the channel, and of the locks with `release` (the page goes away, or the last source left). */
  #quiet(release: boolean): void {
    this.#channel?.close();
    this.#channel = null;
    if (!release) return;
    this.#lock?.release();
    this.#lock = null;
    for (const seat of this.#seats.values()) {
      seat.lock_?.release();
      seat.lock_ = null;
      this.#follow(seat);
    }
  }

  /** Another tab is here: load the protocol, then hand it this tab's sources and the locks it holds. */
  #grow(): void {
    if (this.#group || this.#loading) return;
    this.#loading = true;
    this.#load().then(
      (protocol) => {
        this.#loading = false;
        this.#protocol = protocol;
        if (!this.#away && this.#seats.size) this.#hand();
      },
      () => {
        this.#loading = false;
        this.#alone();
      },
    );
  }

  #hand(): void {
    const held = new Map<string, Lock>();
    if (this.#lock?.held) held.set(this.#name, this.#lock);
    for (const seat of this.#seats.values()) if (seat.lock_?.held) held.set(lockName(this.#name, seat.member_.key), seat.lock_);
    this.#quiet(false);
    this.#unlisten.splice(0).forEach((off) => off());
    const group = new this.#protocol!.TabGroup(this.#name, this.env_, () => {}, held);
    this.#group = group;
    for (const seat of this.#seats.values()) seat.joined_ = group.join(seat.member_);
    this.#changed();
  }

  /** Web Locks fail here, or the protocol cannot load: each source works alone in this tab. */
  #alone(): void {
    this.#quiet(true);
    this.#independent = true;
    this.#seats.forEach((seat) => this.#solo(seat));
    this.#changed();
  }

  #solo(seat: Seat<unknown>): void {
    if (seat.alone_) return;
    seat.alone_ = seat.serving_ = true;
    seat.member_.lead(undefined, true);
    seat.member_.roleChanged('independent', 1);
  }
}

/** A source's place in its group while the scout holds it, and the group's once it is handed over. */
class Seat<T> implements Membership<T> {
  lock_: Lock | null = null;
  serving_ = false;
  alone_ = false;
  joined_: Membership<T> | undefined;

  constructor(
    readonly scout_: Scout,
    readonly member_: Member<T>,
  ) {}

  get role(): TabRole {
    return this.joined_?.role ?? (this.alone_ ? 'independent' : this.serving_ ? 'leader' : 'follower');
  }

  get hidden(): boolean {
    return this.joined_?.hidden ?? this.scout_.env_.hidden();
  }

  broadcast(state: SourceState<T>): void {
    this.joined_?.broadcast(state);
  }

  /**
   * Before it serves or joins the group, a request waits for one or the other; until `until`
   * (as long as a request to another tab may take: the protocol's code may never come), then it
   * fails. Joined by then, the group bounds the request from there.
   */
  request(force: boolean, fresh: boolean, until = Date.now() + this.member_.requestLimit): Promise<SourceState<T>> {
    if (this.joined_) return this.joined_.request(force, fresh);
    if (this.serving_) return this.member_.request(force, fresh);
    const late = new Promise((wake) => setTimeout(wake, until - Date.now()));
    // Whichever comes first: the scout's change (ask again, by the same deadline), or the deadline.
    return Promise.race([this.scout_.changed, late]).then(() => (Date.now() < until ? this.request(force, fresh, until) : this.member_.unanswered()));
  }

  push(data: T): void {
    this.joined_?.push(data);
  }

  leave(): void {
    this.scout_.leave(this);
  }
}

/** The groups of this page, one per namespace. */
const scouts = shared('tabScouts', () => new Map<string, Scout>());

/** Joins the source to its namespace's group in this tab. */
export function joinGroup<T>(namespace: string, member: Member<T>): Membership<T> {
  const name = `live-widgets:${namespace}`;
  let scout = scouts.get(name);
  if (!scout) scouts.set(name, (scout = new Scout(name, undefined, () => scouts.delete(name))));
  return scout.join(member);
}
