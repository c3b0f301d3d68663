import { PROBE } from './tabs.js';
import type { TabGroup } from './tab-group.js';

/** How often a tab that serves others checks which tabs are still there. */
const SWEEP = 5000;

/**
 * A tab group's two timers in this tab: the watchdog, while a visible tab follows (it asks a
 * silent server, and takes over from one that does not answer, after telling it), and the sweep, while it serves
 * others or leads (it drops the tabs whose presence lock is gone: closed or crashed without a word).
 */
export class Watch {
  readonly #group: TabGroup;
  #watchdog: ReturnType<typeof setInterval> | undefined;
  #sweeper: ReturnType<typeof setInterval> | undefined;

  constructor(group: TabGroup) {
    this.#group = group;
  }

  /** Starts or stops each timer as the group's state now asks. */
  arm(): void {
    const g = this.#group;
    const entries = [...g.members_.values()];
    const on = !g.away_ && g.connected_;
    const watch = on && entries.some((e) => !e.serving_) && !g.env_.hidden();
    if (watch && !this.#watchdog) this.#watchdog = setInterval(() => this.#watch(), PROBE / 4);
    if (!watch) this.#watchdog = clearInterval(this.#watchdog) as undefined;
    const sweep = on && (g.leading_ || entries.some((e) => e.serving_ && !e.alone_)) && g.peers_.size > 0;
    if (sweep && !this.#sweeper) this.#sweeper = setInterval(() => void this.#sweep(), SWEEP);
    if (!sweep) this.#sweeper = clearInterval(this.#sweeper) as undefined;
  }

  #watch(): void {
    const g = this.#group;
    if (g.away_ || g.env_.hidden()) return this.arm();
    const followed = [...g.members_.values()].filter((e) => !e.serving_).map((e) => e.member_.key);
    const { ping, stuck, unclaimed } = g.peers_.watch(followed);
    for (const to of ping) g.post_({ t: 'ping', from: g.id, to });
    for (const [tab, keys] of stuck) this.#takeOver(keys, tab);
    if (unclaimed.length) this.#takeOver(unclaimed, g.peers_.leader);
  }

  /** Takes the locks a silent tab holds (the group's too, when it leads or nobody is known to), after telling it. */
  #takeOver(keys: string[], tab: string | undefined): void {
    const g = this.#group;
    const leader = g.peers_.leader;
    const group = !g.leading_ && (tab === undefined || leader === undefined || leader === tab);
    g.post_({ t: 'steal', from: g.id, keys, group });
    if (tab) g.forget_(tab);
    g.peers_.claimed(keys);
    if (group) g.askGroup_(true);
    for (const key of keys) g.ask_(g.members_.get(key)!, true);
  }

  async #sweep(): Promise<void> {
    const g = this.#group;
    try {
      const { held = [], pending = [] } = await navigator.locks.query();
      const alive = new Set([...held, ...pending].map((l) => l.name));
      for (const tab of g.peers_.ids()) if (!alive.has(g.presenceOf_(tab))) g.forget_(tab);
    } catch {
      /* query refused: the count waits for the tabs' goodbyes */
    }
  }
}
