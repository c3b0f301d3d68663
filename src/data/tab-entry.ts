import type { Lock } from './lock.js';
import type { SourceState } from './state.js';
import { stats } from './stats-hook.js';
import type { TabGroup } from './tab-group.js';
import type { Member, Membership, TabRole } from './tabs.js';

/** The last request's id: unique in this page, as answers are matched by it. */
let lastId = 0;

/** A request this tab sent to the tab serving a source, until it is answered or given up. */
export interface Pending<T> {
  resolve(state: SourceState<T>): void;
  force: boolean;
  fresh: boolean;
  /** The tab it was sent to. */
  to: string | undefined;
  giveUp: ReturnType<typeof setTimeout>;
}

/** A source's place in its group, as the source sees it, and what the group keeps of it. */
export class Entry<T = unknown> implements Membership<T> {
  lock_: Lock | null = null;
  serving_ = false;
  /** Web Locks failed here: it works alone in this tab. */
  alone_ = false;
  lastEventId_: string | undefined;
  /** This tab's requests to the serving tab, by id. */
  pending_ = new Map<number, Pending<T>>();

  constructor(
    readonly group_: TabGroup,
    readonly member_: Member<T>,
  ) {}

  get role(): TabRole {
    return this.alone_ ? 'independent' : this.serving_ ? 'leader' : 'follower';
  }

  /** Hidden for the source: this tab and every other tab that shows it are. */
  get hidden(): boolean {
    const { group_: group, member_: member } = this;
    return group.env_.hidden() && (this.alone_ || !group.peers_.showing(member.key, true));
  }

  /** Serving: tells the tabs that show the source its new state. */
  broadcast(state: SourceState<T>): void {
    const { group_: group, member_: member } = this;
    if (!this.serving_ || this.alone_ || !group.peers_.showing(member.key)) return;
    const { key, name } = member;
    group.post_({ t: 'state', from: group.id, key, state, stats: stats()?.of(name), lastEventId: member.lastEventId(), tabs: group.size_() });
  }

  /** Following: asks the serving tab to fetch, and resolves with the state after it; after `requestLimit`, as a failed refresh. */
  request(force: boolean, fresh: boolean): Promise<SourceState<T>> {
    if (this.serving_) return this.member_.request(force, fresh);
    const id = ++lastId;
    return new Promise((resolve) => {
      const giveUp = setTimeout(() => {
        this.pending_.delete(id);
        resolve(this.member_.unanswered());
      }, this.member_.requestLimit);
      this.pending_.set(id, { resolve, force, fresh, to: undefined, giveUp });
      this.resend_();
    });
  }

  /** The other tab that serves the source, if one does. */
  #server(): string | undefined {
    const to = this.group_.peers_.serverOf(this.member_.key);
    return to === this.group_.id ? undefined : to;
  }

  /** Takes request `id` off the pending ones, and off its timer. */
  #end(id: number): Pending<T> | undefined {
    const p = this.pending_.get(id);
    this.pending_.delete(id);
    if (p) clearTimeout(p.giveUp);
    return p;
  }

  /** Sends each pending request to the tab serving now (once to each tab). */
  resend_(): void {
    const { group_: group, member_: member } = this;
    const to = this.#server();
    if (!to) return;
    for (const [id, p] of this.pending_) {
      if (p.to === to) continue;
      p.to = to;
      group.post_({ t: 'request', from: group.id, to, key: member.key, id, force: p.force, fresh: p.fresh });
    }
  }

  /** The serving tab's answer to request `id`, if it is this entry's. */
  answered_(id: number, state: SourceState<T>): void {
    this.#end(id)?.resolve(state);
  }

  /** Ends every pending request: run here (`here`: this tab serves now), or dropped (the source left). */
  settle_(here = false): void {
    for (const id of [...this.pending_.keys()]) {
      const p = this.#end(id)!;
      if (here) void this.member_.request(p.force, p.fresh).then(p.resolve);
    }
  }

  /** Following: hands data pushed here to the serving tab. */
  push(data: T): void {
    const { group_: group, member_: member } = this;
    const to = this.#server();
    if (to) group.post_({ t: 'push', from: group.id, to, key: member.key, data });
  }

  leave(): void {
    this.group_.leave(this);
  }
}
