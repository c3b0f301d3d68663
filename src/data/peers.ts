import { PROBE } from './tabs.js';

/** What the watchdog found: tabs to ask whether they are there, and what to take over. */
export interface Verdict {
  /** Silent for a probe period: ask them. */
  ping: string[];
  /** Asked, and silent for a probe period more: the sources each serves for this tab. */
  stuck: Map<string, string[]>;
  /** Sources nobody says they serve, for two probe periods: whoever holds their lock is silent. */
  unclaimed: string[];
}

/**
 * What one tab knows of the other tabs of its group: who is there, visible or not, which
 * sources each shows, which tab serves each source, the leader, and when each was last heard.
 * Bookkeeping only: it sends nothing and holds no timer.
 */
export class Peers {
  /** The group's leader, as it said. */
  leader: string | undefined;
  #tabs = new Map<string, { visible: boolean; keys: string[] }>();
  #servers = new Map<string, string>();
  #heard = new Map<string, number>();
  #pinged = new Map<string, number>();
  #unclaimed = new Map<string, number>();

  /** How many other tabs it knows. */
  get size(): number {
    return this.#tabs.size;
  }

  ids(): string[] {
    return [...this.#tabs.keys()];
  }

  /** Any message from a tab: it is alive. */
  heard(tab: string, now = Date.now()): void {
    this.#heard.set(tab, now);
    this.#pinged.delete(tab);
  }

  /** A tab said it is here (with the sources it shows), or whether it is visible. */
  said(tab: string, visible: boolean, keys?: string[]): void {
    this.#tabs.set(tab, { visible, keys: keys ?? this.#tabs.get(tab)?.keys ?? [] });
  }

  /** A tab left (said goodbye, its presence lock went, or it was taken over); whether it was known. */
  forget(tab: string): boolean {
    const known = this.#tabs.delete(tab) || this.#heard.has(tab);
    this.#heard.delete(tab);
    this.#pinged.delete(tab);
    for (const [key, server] of this.#servers) if (server === tab) this.#servers.delete(key);
    if (this.leader === tab) this.leader = undefined;
    return known;
  }

  serverOf(key: string): string | undefined {
    return this.#servers.get(key);
  }

  serves(key: string, tab: string): void {
    this.#servers.set(key, tab);
  }

  /** `tab` no longer serves `key` (when it did). */
  stops(key: string, tab: string): void {
    if (this.#servers.get(key) === tab) this.#servers.delete(key);
  }

  /** Some other tab shows the source (`visible`: and is visible). */
  showing(key: string, visible = false): boolean {
    return [...this.#tabs.values()].some((tab) => (tab.visible || !visible) && tab.keys.includes(key));
  }

  /** Back in view: what was heard while hidden is old news, not silence. */
  awake(now = Date.now()): void {
    for (const tab of this.#heard.keys()) this.#heard.set(tab, now);
    this.#pinged.clear();
    this.#unclaimed.clear();
  }

  clear(): void {
    this.#tabs.clear();
    this.#servers.clear();
    this.#heard.clear();
    this.#pinged.clear();
    this.#unclaimed.clear();
    this.leader = undefined;
  }

  /**
   * The watchdog of a visible follower, for the sources it follows: a server silent for a probe
   * period is to be asked (and counts as asked from now); one asked and silent a period more is
   * stuck; a source nobody claimed for two periods is unclaimed.
   */
  watch(followed: string[], now = Date.now()): Verdict {
    const verdict: Verdict = { ping: [], stuck: new Map(), unclaimed: [] };
    for (const key of followed) {
      const server = this.#servers.get(key);
      if (!server) {
        const since = this.#unclaimed.get(key) ?? now;
        this.#unclaimed.set(key, since);
        if (now - since > 2 * PROBE) verdict.unclaimed.push(key);
        continue;
      }
      this.#unclaimed.delete(key);
      const pinged = this.#pinged.get(server);
      if (pinged !== undefined) {
        if (now - pinged > PROBE) verdict.stuck.set(server, [...(verdict.stuck.get(server) ?? []), key]);
      } else if (now - (this.#heard.get(server) ?? now) > PROBE && !verdict.ping.includes(server)) {
        this.#pinged.set(server, now);
        verdict.ping.push(server);
      }
    }
    return verdict;
  }

  /** The watchdog acted on these: they wait afresh. */
  claimed(keys: string[]): void {
    for (const key of keys) this.#unclaimed.delete(key);
  }
}
