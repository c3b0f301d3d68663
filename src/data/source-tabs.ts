import { isHidden, onVisibilityChange } from './page.js';
import type { SourceState } from './state.js';
import { TAB_ID, TabGroup, type TabRole } from './tabs.js';
import { $diagnostics, replaceStats, type SourceStats } from '../stores/diagnostics.js';
import { setTabs } from '../stores/tabs.js';

/** What crosses between the tabs of one source's group: structured-clonable data only. */
type Message<T> =
  | { t: 'state'; state: SourceState<T>; stats: SourceStats | undefined; lastEventId: string | undefined; tabs: number }
  | { t: 'hello' | 'visible'; tab: string; visible: boolean }
  | { t: 'bye'; tab: string }
  | { t: 'who' }
  | { t: 'request'; tab: string; id: number; force: boolean; fresh: boolean }
  | { t: 'done'; tab: string; id: number; state: SourceState<T> }
  | { t: 'push'; data: T };

/** What the link needs of its source. */
export interface TabHost<T> {
  readonly name: string;
  /** Start fetching and streaming: this tab leads now. */
  lead(lastEventId: string | undefined): void;
  /** A follower takes the leader's state. */
  apply(state: SourceState<T>): void;
  request(force: boolean, fresh: boolean): Promise<SourceState<T>>;
  push(data: T): void;
  /** Whether any tab of the group is visible changed. */
  visibilityChanged(): void;
  /** The stream's last event id, for the tab that takes over. */
  lastEventId(): string | undefined;
  readonly state: SourceState<T>;
}

/**
 * A source's place in its tab group: the leader fetches and broadcasts every state; followers
 * show it, and send their refreshes, pushes and visibility to the leader.
 */
export class TabLink<T> {
  #group: TabGroup<Message<T>>;
  #host: TabHost<T>;
  /** Followers by tab id, and whether each is visible (leader only). */
  #followers = new Map<string, boolean>();
  #pending = new Map<number, (state: SourceState<T>) => void>();
  #nextId = 0;
  #lastEventId: string | undefined;
  #tabs = 1;
  #unlisten: (() => void)[] = [];

  constructor(key: string, host: TabHost<T>) {
    this.#host = host;
    this.#group = new TabGroup<Message<T>>(key, {
      lead: () => this.#lead(),
      message: (m) => this.#onMessage(m),
    });
    const onPageHide = () => this.#group.role === 'follower' && this.#group.post({ t: 'bye', tab: TAB_ID });
    addEventListener('pagehide', onPageHide);
    this.#unlisten.push(
      () => removeEventListener('pagehide', onPageHide),
      onVisibilityChange((hidden) => {
        if (this.#group.role === 'follower') this.#group.post({ t: 'visible', tab: TAB_ID, visible: !hidden });
      }),
    );
    this.#group.post({ t: 'hello', tab: TAB_ID, visible: !isHidden() });
    this.#report();
  }

  get role(): TabRole {
    return this.#group.role;
  }

  /** Hidden for the group: this tab and every follower are hidden. */
  get groupHidden(): boolean {
    return isHidden() && ![...this.#followers.values()].some(Boolean);
  }

  /** Leader: tells every follower the new state. */
  broadcast(state: SourceState<T>): void {
    // Alone, there is no one to tell: no clone of the state on every change of a busy stream.
    if (this.role !== 'leader' || !this.#followers.size) return;
    const stats = $diagnostics.get()[this.#host.name];
    this.#group.post({ t: 'state', state, stats, lastEventId: this.#host.lastEventId(), tabs: 1 + this.#followers.size });
  }

  /** Follower: asks the leader to fetch, and resolves with the state after it. */
  request(force: boolean, fresh: boolean): Promise<SourceState<T>> {
    const id = ++this.#nextId;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.#group.post({ t: 'request', tab: TAB_ID, id, force, fresh });
    });
  }

  /** Follower: hands pushed data to the leader, which applies it for every tab. */
  push(data: T): void {
    this.#group.post({ t: 'push', data });
  }

  close(): void {
    if (this.role === 'follower') this.#group.post({ t: 'bye', tab: TAB_ID });
    this.#unlisten.splice(0).forEach((off) => off());
    this.#group.close();
    setTabs(this.#host.name, undefined);
  }

  #lead(): void {
    this.#host.lead(this.#lastEventId);
    this.#report();
    // Requests this tab had sent to the old leader are run here now.
    for (const [id, resolve] of this.#pending) {
      this.#pending.delete(id);
      void this.#host.request(true, true).then(resolve);
    }
    // The followers knew the old leader: they say hello again, and get the state then.
    this.#group.post({ t: 'who' });
  }

  #onMessage(m: Message<T>): void {
    const leader = this.role === 'leader';
    switch (m.t) {
      case 'state':
        if (leader) return;
        this.#lastEventId = m.lastEventId;
        this.#tabs = m.tabs;
        if (m.stats) replaceStats(this.#host.name, m.stats);
        this.#host.apply(m.state);
        this.#report();
        return;
      case 'who':
        if (!leader) this.#group.post({ t: 'hello', tab: TAB_ID, visible: !isHidden() });
        return;
      case 'hello':
      case 'visible': {
        if (!leader) return;
        const wasHidden = this.groupHidden;
        this.#followers.set(m.tab, m.visible);
        if (wasHidden !== this.groupHidden) this.#host.visibilityChanged();
        this.#report();
        this.broadcast(this.#host.state);
        return;
      }
      case 'bye': {
        if (!leader) return;
        const wasHidden = this.groupHidden;
        this.#followers.delete(m.tab);
        if (wasHidden !== this.groupHidden) this.#host.visibilityChanged();
        this.#report();
        return;
      }
      case 'request':
        if (leader) void this.#host.request(m.force, m.fresh).then((state) => this.#group.post({ t: 'done', tab: m.tab, id: m.id, state }));
        return;
      case 'done':
        if (m.tab === TAB_ID) this.#pending.get(m.id)?.(m.state), this.#pending.delete(m.id);
        return;
      case 'push':
        if (leader) this.#host.push(m.data);
        return;
    }
  }

  #report(): void {
    setTabs(this.#host.name, { role: this.role, tabs: this.role === 'leader' ? 1 + this.#followers.size : this.#tabs });
  }
}
