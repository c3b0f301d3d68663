// Model-based: random sequences of tabs opening, closing, hiding, showing, going into the
// back/forward cache (or being frozen) and coming back, against the real tab group with real Web
// Locks and a real BroadcastChannel. Several "tabs" live in this one page, each with its own id,
// visibility and page lifecycle: each joins through the scout as a page does (alone until another
// tab comes, then the protocol, handed the locks), or straight into a TabGroup. After every step: never two tabs serving the
// source; and once the group settles, exactly one when any tab is there to serve, every other
// present tab following it and counting the same group.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { SourceState } from '../../src/data/state.js';
import { TabGroup } from '../../src/data/tab-group.js';
import { Scout } from '../../src/data/tab-scout.js';
import type { Member, Membership, TabEnvironment, TabRole } from '../../src/data/tabs.js';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Tab {
  id: string;
  hidden: boolean;
  away: boolean;
  group: TabGroup | Scout;
  membership: Membership<unknown>;
  serving: boolean;
  role: TabRole;
  count: number;
  visibility: Set<() => void>;
  lifecycle: Set<{ away(cached: boolean): void; back(): void }>;
}

class Tabs {
  readonly tabs: Tab[] = [];
  #next = 0;
  constructor(
    readonly name: string,
    readonly scouted: boolean,
  ) {}

  open(): Tab {
    const tab = {
      id: `tab${++this.#next}`,
      hidden: false,
      away: false,
      serving: false,
      role: 'follower',
      count: 1,
      visibility: new Set(),
      lifecycle: new Set(),
    } as unknown as Tab;
    const env: TabEnvironment = {
      id: tab.id,
      hidden: () => tab.hidden,
      onVisibility: (l) => (tab.visibility.add(l), () => tab.visibility.delete(l)),
      onLifecycle: (h) => (tab.lifecycle.add(h), () => tab.lifecycle.delete(h)),
    };
    tab.group = this.scouted ? new Scout(this.name, env) : new TabGroup(this.name, env);
    const state = { status: 'idle' } as SourceState;
    const member: Member = {
      name: 'm',
      key: 'm',
      state,
      requestLimit: 10_000,
      unanswered: () => state,
      lead: () => void (tab.serving = true),
      follow: () => void (tab.serving = false),
      apply: () => {},
      request: async () => state,
      push: () => {},
      visibilityChanged: () => {},
      roleChanged: (role, count) => void Object.assign(tab, { role, count }),
      lastEventId: () => undefined,
    };
    tab.membership = tab.group.join(member);
    this.tabs.push(tab);
    return tab;
  }

  close(tab: Tab): void {
    tab.membership.leave();
    this.tabs.splice(this.tabs.indexOf(tab), 1);
  }

  present = () => this.tabs.filter((t) => !t.away);
}

type Cmd = fc.AsyncCommand<object, Tabs>;
const step = (name: string, run: (t: Tabs) => void, when: (t: Tabs) => boolean = () => true): Cmd => ({
  check: () => true,
  async run(_, t) {
    if (!when(t)) return;
    run(t);
    await pause(20);
    // At any moment: never two tabs serving.
    expect(t.tabs.filter((x) => x.serving).length, `two tabs serve after ${name}`).to.be.at.most(1);
    // Settled: one serves when any tab is there, and every present tab agrees on the group.
    const end = Date.now() + 2000;
    for (;;) {
      const present = t.present();
      const serving = present.filter((x) => x.serving);
      const settled =
        (present.length === 0 || (serving.length === 1 && serving[0].role === 'leader')) &&
        present.every((x) => x.serving || x.role === 'follower') &&
        present.every((x) => x.count === present.length);
      if (settled) break;
      if (Date.now() > end) {
        const seen = t.tabs.map(
          (x) => `${x.id}${x.away ? ' (away)' : ''}${x.hidden ? ' (hidden)' : ''}: ${x.role}${x.serving ? ' serving' : ''} of ${x.count}`,
        );
        expect.fail(`not settled after ${name}: ${seen.join('; ')}`);
      }
      await pause(20);
    }
    expect(t.tabs.filter((x) => x.serving).length, `two tabs serve after ${name}`).to.be.at.most(1);
  },
  toString: () => name,
});

const pick = fc.nat(7);
const nth = (t: Tabs, i: number) => t.tabs[i % t.tabs.length];

const commands = fc.commands(
  [
    fc.constant(
      step(
        'a tab opens',
        (t) => void t.open(),
        (t) => t.tabs.length < 5,
      ),
    ),
    pick.map((i) =>
      step(
        `tab #${i} closes`,
        (t) => t.close(nth(t, i)),
        (t) => t.tabs.length > 0,
      ),
    ),
    pick.map((i) =>
      step(
        `tab #${i} goes into the back/forward cache`,
        (t) => {
          const tab = nth(t, i);
          tab.away = true;
          tab.lifecycle.forEach((h) => h.away(true));
        },
        (t) => t.tabs.length > 0,
      ),
    ),
    pick.map((i) =>
      step(
        `tab #${i} comes back`,
        (t) => {
          const tab = nth(t, i);
          tab.away = false;
          tab.lifecycle.forEach((h) => h.back());
        },
        (t) => t.tabs.length > 0,
      ),
    ),
    fc.tuple(pick, fc.boolean()).map(([i, hidden]) =>
      step(
        `tab #${i} ${hidden ? 'hides' : 'shows'}`,
        (t) => {
          const tab = nth(t, i);
          tab.hidden = hidden;
          tab.visibility.forEach((l) => l());
        },
        (t) => t.tabs.length > 0,
      ),
    ),
  ],
  { maxCommands: 20, size: 'max' },
);

describe('a model of tabs against the real tab group', function () {
  this.timeout(180_000);

  for (const scouted of [true, false])
    it(`has at most one leader, and soon exactly one, whatever tabs open, close, hide, and go and come back (${scouted ? 'through the scout' : 'the group alone'})`, async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(commands, async (cmds) => {
          const tabs = new Tabs(`live-widgets:model-${Date.now()}-${++run}`, scouted);
          try {
            await fc.asyncModelRun(() => ({ model: {}, real: tabs }), cmds);
          } finally {
            for (const tab of [...tabs.tabs]) tabs.close(tab);
          }
        }),
        { numRuns: 25, includeErrorInReport: true },
      );
    });
});
