import type { SourceStats } from './figures.js';
import type { SourceState } from './state.js';
import { countStats, stats } from './stats-hook.js';
import type { TabGroup } from './tab-group.js';

/** What crosses between tabs: structured-clonable data only. */
export type Message =
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

/**
 * What a word from another tab of the group changes in this one (`tab-group.ts` holds the locks
 * and the timers; this reads the channel). Every word says its sender is alive.
 */
export function hear(g: TabGroup, m: Message): void {
  if (g.away_) return;
  const { peers_: peers, members_: members, id } = g;
  peers.heard(m.from);
  switch (m.t) {
    case 'hello':
    case 'visible': {
      peers.said(m.from, m.visible, m.t === 'hello' ? m.keys : undefined);
      g.visibilityChanged_();
      if (m.t === 'hello') {
        // A tab that opens late gets the state at once.
        for (const entry of members.values()) {
          if (!entry.serving_ || entry.alone_ || !m.keys.includes(entry.member_.key)) continue;
          g.post_({ t: 'serving', from: id, key: entry.member_.key });
          entry.broadcast(entry.member_.state);
        }
        if (g.leading_) g.post_({ t: 'leading', from: id });
      }
      g.recount_();
      return;
    }
    case 'bye':
      g.forget_(m.from);
      return;
    case 'who':
      g.hello_();
      return;
    case 'leading':
      peers.leader = m.from;
      return;
    case 'serving': {
      const entry = members.get(m.key);
      // Old news: this tab holds the source's lock, so the sender lost it since (a queued tab was
      // granted it as the leader left, then the new leader stole it; the messages crossed, as
      // they do in Firefox). A steal of this tab's lock is heard as the lock lost, not from a message.
      if (entry?.lock_?.held) return;
      peers.serves(m.key, m.from);
      if (!entry || entry.alone_) return;
      // Another tab serves it now: the lock this tab held was taken (its news may still be on its way).
      g.stopServing_(entry);
      entry.resend_();
      g.arm_();
      return;
    }
    case 'state': {
      const entry = members.get(m.key);
      if (!entry || entry.serving_) return;
      peers.serves(m.key, m.from);
      entry.lastEventId_ = m.lastEventId;
      g.count_ = m.tabs;
      if (m.stats) stats()?.replace(entry.member_.name, m.stats);
      // Figures are watched here, and the serving tab counts none: ask it to, once.
      else if (stats() && g.askedToCount_ !== m.from) {
        g.askedToCount_ = m.from;
        g.post_({ t: 'count', from: id });
      }
      entry.member_.apply(m.state);
      entry.resend_();
      g.report_(entry);
      return;
    }
    case 'request': {
      const entry = members.get(m.key);
      if (m.to !== id || !entry?.serving_) return;
      g.post_({ t: 'ack', from: id, to: m.from, id: m.id });
      void entry.member_.request(m.force, m.fresh).then((state) => g.post_({ t: 'done', from: id, to: m.from, id: m.id, state }));
      return;
    }
    case 'count':
      void countStats();
      return;
    case 'ack':
      // Heard: the server is alive and working on it.
      return;
    case 'done': {
      if (m.to !== id) return;
      for (const entry of members.values()) entry.answered_(m.id, m.state as SourceState);
      return;
    }
    case 'push': {
      const entry = members.get(m.key);
      if (m.to === id && entry?.serving_) entry.member_.push(m.data);
      return;
    }
    case 'ping':
      if (m.to === id) g.post_({ t: 'pong', from: id, tabs: g.size_() });
      return;
    case 'pong':
      if (m.from === peers.leader) g.count_ = m.tabs;
      g.reportAll_();
      return;
    case 'steal':
      // Told before it happens: stop at once rather than when the lock's news arrives.
      for (const key of m.keys) {
        const entry = members.get(key);
        if (entry && !entry.alone_) g.stopServing_(entry);
      }
      if (m.group) g.leading_ = false;
      return;
  }
}
