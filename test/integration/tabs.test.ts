// Several same-origin documents (iframes, each its own copy of the library, as tabs are) against
// the real reference server: count what reaches the server.
import { expect } from '@open-wc/testing';
import { counting, waitUntil } from '../wait.js';

declare const REFERENCE_URL: string;
type Live = typeof import('../../src/index.js');
interface Tab {
  frame: HTMLIFrameElement;
  live: Live;
  name: string;
}

const control = (action: string, method = 'GET') => fetch(`${REFERENCE_URL}/api/_control/${action}`, { method }).then((r) => r.json());
/** The requests for `path` the server received; `tab` is the asking tab, from its `x-tab` header. */
const requests = async (path: string) =>
  ((await control('requests')).requests as { path: string; search: string; tab: string | null }[])
    .filter((r) => r.path === path)
    .map((r) => {
      const q = new URLSearchParams(r.search);
      if (r.tab) q.set('tab', r.tab);
      return q;
    });
/** Each tab marks its requests with a header: tabs share a source only when they read the same URL. */
const mark = (name: string) => ({ headers: { 'x-tab': name } });
const publish = (event: string, data: unknown) => fetch(`${REFERENCE_URL}/api/_control/publish`, { method: 'POST', body: JSON.stringify({ event, data }) });

const tabs: Tab[] = [];
async function openTab(name: string): Promise<Tab> {
  const frame = document.createElement('iframe');
  frame.src = '/test/fixtures/tab.html';
  const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as Window & { live?: Live };
  await waitUntil(() => win.live, 'the tab never loaded the library');
  const tab = { frame, live: win.live!, name };
  tabs.push(tab);
  return tab;
}

const roles = (name: string) => tabs.map((t) => t.live.$tabs.get()[name]?.role);
/**
 * The group has formed: one tab leads and every tab counts `n`. (A tab that was alone serves
 * before the group forms, and says it leads, while it loads the protocol for the newcomer.)
 */
const grouped = (name: string, n: number) =>
  waitUntil(
    () => roles(name).filter((r) => r === 'leader').length === 1 && tabs.every((t) => t.live.$tabs.get()[name]?.tabs === n),
    `the ${n} tabs never formed one group`,
  );

beforeEach(() => control('requests', 'POST'));
afterEach(async () => {
  for (const t of tabs.splice(0)) t.frame.remove();
  // Firefox's service worker does not pass a removed frame's abort on (see dropStreams in reference.ts).
  await control('drop-streams', 'POST');
});

describe('one network client for all tabs', () => {
  it('lets only the leader fetch; every tab shows the same data and knows the group', async () => {
    for (const name of ['A', 'B', 'C']) {
      const tab = await openTab(name);
      tab.live.createSource('ov', { src: `${REFERENCE_URL}/api/overview`, ...mark(name), poll: 300 }).$state.subscribe(() => {});
    }
    await waitUntil(async () => (await requests('/api/overview')).length >= 4, 'the leader never polled', { timeout: 5000 });
    const fetchers = new Set((await requests('/api/overview')).map((q) => q.get('tab')));
    expect(fetchers.size).to.equal(1);
    expect(roles('ov').filter((r) => r === 'leader')).to.have.length(1);
    expect(roles('ov').filter((r) => r === 'follower')).to.have.length(2);
    const leader = tabs.find((t) => t.live.$tabs.get().ov!.role === 'leader')!;
    expect(leader.name).to.equal([...fetchers][0]);
    await waitUntil(() => tabs.every((t) => t.live.$tabs.get().ov?.tabs === 3), 'not every tab knows the group size');
    await waitUntil(() => new Set(tabs.map((t) => t.live.getSource('ov')!.state.updatedAt)).size === 1, 'the tabs disagree');
    for (const t of tabs) expect(t.live.getSource('ov')!.state.origin).to.equal('live');
  });

  it('sends a follower’s forced refresh through the leader: exactly one request', async () => {
    for (const name of ['A', 'B']) {
      const tab = await openTab(name);
      tab.live.createSource('ov', { src: `${REFERENCE_URL}/api/overview`, ...mark(name) }).$state.subscribe(() => {});
    }
    await grouped('ov', 2);
    await waitUntil(() => tabs.every((t) => t.live.getSource('ov')!.state.origin === 'live'));
    const before = (await requests('/api/overview')).length;
    const follower = tabs.find((t) => t.live.$tabs.get().ov!.role === 'follower')!;
    const state = await follower.live.getSource('ov')!.refresh();
    expect(state.origin).to.equal('live');
    const after = await requests('/api/overview');
    expect(after.length).to.equal(before + 1);
    expect(after[after.length - 1].has('_t')).to.equal(true);
    expect(after[after.length - 1].get('tab')).not.to.equal(follower.name);
  });

  it('hands over to a follower within 2 s when the leader closes, and the stream resumes with no lost event', async () => {
    const seen: number[] = [];
    for (const name of ['A', 'B']) {
      const tab = await openTab(name);
      const source = tab.live.createSource<{ n: number }>('seq', { stream: `${REFERENCE_URL}/api/stream`, ...mark(name) });
      source.$state.subscribe((s) => {
        if (name === 'B' && s.data && seen[seen.length - 1] !== s.data.n) seen.push(s.data.n);
      });
    }
    await grouped('seq', 2);
    const leader = tabs.find((t) => t.live.$tabs.get().seq!.role === 'leader')!;
    const follower = tabs.find((t) => t !== leader)!;
    await waitUntil(() => leader.live.getSource('seq')!.state.connection === 'streaming', 'the leader never streamed');
    expect((await control('requests')).streams).to.equal(1);
    for (let n = 1; n <= 3; n++) await publish('seq', { n });
    await waitUntil(() => follower.live.getSource('seq')!.state.data !== undefined && seen.length === 3, 'the follower missed events');

    leader.frame.remove();
    tabs.splice(tabs.indexOf(leader), 1);
    const closedAt = Date.now();
    for (let n = 4; n <= 6; n++) await publish('seq', { n });
    await waitUntil(() => follower.live.$tabs.get().seq?.role === 'leader', 'no follower took over', { timeout: 2000 });
    expect(Date.now() - closedAt).to.be.below(2000);
    await waitUntil(() => seen.length >= 6, 'the new leader did not resume the stream', { timeout: 5000 });
    expect(seen).to.deep.equal([1, 2, 3, 4, 5, 6]);
    const streams = await requests('/api/stream');
    expect(streams.map((q) => q.get('tab'))).to.deep.equal([leader.name, follower.name]);
  });

  it('hands over a leader that heard no event yet: the new leader resumes from where the server placed the old one', async () => {
    // Events before these tabs: the server gives a new stream an id to resume from, with no event.
    await publish('elsewhere', {});
    const seen: number[] = [];
    for (const name of ['A', 'B']) {
      const tab = await openTab(name);
      const source = tab.live.createSource<{ n: number }>('quiet', { stream: `${REFERENCE_URL}/api/stream`, ...mark(name) });
      source.$state.subscribe((s) => {
        if (name === 'B' && s.data && seen[seen.length - 1] !== s.data.n) seen.push(s.data.n);
      });
    }
    await grouped('quiet', 2);
    const leader = tabs.find((t) => t.live.$tabs.get().quiet!.role === 'leader')!;
    const follower = tabs.find((t) => t !== leader)!;
    const placed = () => Object.values(leader.live.$streams.get()).find((s) => s?.listeners)?.lastEventId;
    await waitUntil(placed, 'the server never gave the leader a place to resume from');
    // The follower hears of it in the leader's next message; give that message a moment.
    await new Promise((r) => setTimeout(r, 300));

    leader.frame.remove();
    tabs.splice(tabs.indexOf(leader), 1);
    // Published before the new leader connects: only resuming brings them.
    for (let n = 1; n <= 3; n++) await publish('quiet', { n });
    await waitUntil(() => follower.live.$tabs.get().quiet?.role === 'leader', 'no follower took over', { timeout: 2000 });
    await waitUntil(() => seen.length >= 3, `the new leader lost events: it shows ${JSON.stringify(seen)}`, { timeout: 5000 });
    expect(seen).to.deep.equal([1, 2, 3]);
  });

  it('after a takeover, the new leader serves the followers that remain', async () => {
    for (const name of ['A', 'B', 'C']) {
      const tab = await openTab(name);
      tab.live.createSource('ov', { src: `${REFERENCE_URL}/api/overview`, ...mark(name) }).$state.subscribe(() => {});
    }
    await grouped('ov', 3);
    const leader = tabs.find((t) => t.live.$tabs.get().ov!.role === 'leader')!;
    leader.frame.remove();
    tabs.splice(tabs.indexOf(leader), 1);
    await waitUntil(() => roles('ov').includes('leader'), 'no follower took over', { timeout: 2000 });
    const next = tabs.find((t) => t.live.$tabs.get().ov!.role === 'leader')!;
    const other = tabs.find((t) => t !== next)!;
    await waitUntil(() => next.live.$tabs.get().ov!.tabs === 2, 'the new leader does not know its follower');
    const state = await other.live.getSource('ov')!.refresh();
    await waitUntil(() => other.live.getSource('ov')!.state.updatedAt === next.live.getSource('ov')!.state.updatedAt);
    expect(state.origin).to.equal('live');
    const last = (await requests('/api/overview')).pop()!;
    expect(last.get('tab')).to.equal(next.name);
  });

  it('a follower whose figures are watched gets the serving tab to count them, and shows them', async () => {
    const tabsOf = await Promise.all(
      ['A', 'B'].map(async (name) => {
        const tab = await openTab(name);
        tab.live.createSource('ov', { src: `${REFERENCE_URL}/api/overview`, ...mark(name) }).$state.subscribe(() => {});
        return tab;
      }),
    );
    await grouped('ov', 2);
    const follower = tabsOf.find((t) => t.live.$tabs.get().ov!.role === 'follower')!;
    const countsIn = (t: Tab) => counting(t.frame.contentWindow!);
    // Nothing watches the figures in either tab: neither counts.
    expect(tabsOf.map(countsIn)).to.deep.equal([false, false]);
    // The follower's panel opens: at the serving tab's next news it asks it to count, and from
    // then on the figures come with the news.
    follower.live.$diagnostics.listen(() => {});
    await waitUntil(() => countsIn(follower));
    await follower.live.getSource('ov')!.refresh();
    await waitUntil(() => tabsOf.every(countsIn), 'the serving tab never started counting');
    await follower.live.getSource('ov')!.refresh();
    await waitUntil(() => (follower.live.$diagnostics.get().ov?.requests ?? 0) >= 1, 'the follower never showed the serving tab’s figures');
  });

  it('counts the tabs that are there: three opened and two closed, the leader says it is alone', async () => {
    for (const name of ['A', 'B', 'C']) {
      const tab = await openTab(name);
      tab.live.createSource('ov', { src: `${REFERENCE_URL}/api/overview`, ...mark(name) }).$state.subscribe(() => {});
    }
    await waitUntil(() => tabs.every((t) => t.live.$tabs.get().ov?.tabs === 3), 'not every tab knows the group size');
    const leader = tabs.find((t) => t.live.$tabs.get().ov!.role === 'leader')!;
    for (const t of tabs.filter((t) => t !== leader)) t.frame.remove();
    tabs.splice(0, tabs.length, leader);
    await waitUntil(() => leader.live.$tabs.get().ov?.tabs === 1, 'the leader still counts closed tabs');
    // A closing tab says goodbye, then (hidden) "not visible": that must not count it again.
    await new Promise((r) => setTimeout(r, 300));
    expect(leader.live.$tabs.get().ov?.tabs).to.equal(1);
  });

  it('keeps namespaces apart: a tab signed in as another user is not in the group', async () => {
    for (const [name, namespace] of [
      ['A', 'alice'],
      ['B', 'bob'],
    ]) {
      const tab = await openTab(name);
      tab.live.createSource('ov', { src: `${REFERENCE_URL}/api/overview`, ...mark(name), namespace }).$state.subscribe(() => {});
    }
    await waitUntil(() => roles('ov').every((r) => r === 'leader'), 'each user should lead their own group');
    await waitUntil(async () => new Set((await requests('/api/overview')).map((q) => q.get('tab'))).size === 2, 'both tabs did not fetch', { timeout: 5000 });
  });

  it('works alone with tabs: independent', async () => {
    for (const name of ['A', 'B']) {
      const tab = await openTab(name);
      tab.live.createSource('ov', { src: `${REFERENCE_URL}/api/overview`, ...mark(name), tabs: 'independent' }).$state.subscribe(() => {});
    }
    await waitUntil(async () => new Set((await requests('/api/overview')).map((q) => q.get('tab'))).size === 2, 'both tabs did not fetch', { timeout: 5000 });
    expect(roles('ov')).to.deep.equal(['independent', 'independent']);
  });

  it('polls while any tab of the group is visible, and pauses only when all are hidden', async () => {
    const hide = (tab: Tab, hidden: boolean) => {
      const doc = tab.frame.contentDocument!;
      Object.defineProperty(doc, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
      doc.dispatchEvent(new Event('visibilitychange'));
    };
    for (const name of ['A', 'B']) {
      const tab = await openTab(name);
      tab.live.createSource('ov', { src: `${REFERENCE_URL}/api/overview`, ...mark(name), poll: '1m' }).$state.subscribe(() => {});
    }
    await grouped('ov', 2);
    const leader = tabs.find((t) => t.live.$tabs.get().ov!.role === 'leader')!;
    const follower = tabs.find((t) => t !== leader)!;
    const connection = () => leader.live.getSource('ov')!.state.connection;
    await waitUntil(() => connection() === 'polling');
    hide(leader, true);
    await new Promise((r) => setTimeout(r, 100));
    expect(connection()).to.equal('polling');
    hide(follower, true);
    await waitUntil(() => connection() === 'paused', 'the group did not pause with every tab hidden');
    await waitUntil(() => follower.live.getSource('ov')!.state.connection === 'paused', 'the follower was not told');
    hide(follower, false);
    await waitUntil(() => connection() === 'polling', 'the group did not resume when a tab showed');
  });
});
