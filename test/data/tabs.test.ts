import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import sinon from 'sinon';
import { createSource } from '../../src/data/source.js';
import { TabGroup } from '../../src/data/tab-group.js';
import { Scout } from '../../src/data/tab-scout.js';
import { canShareTabs, type Member, type Membership, type TabEnvironment } from '../../src/data/tabs.js';
import type { SourceState } from '../../src/data/state.js';
import { $tabs } from '../../src/stores/tabs.js';
import { elected, Recorder, testNetwork, until, url } from '../helpers.js';
import { waitUntil } from '../wait.js';

const worker = await testNetwork();

function serve() {
  const path = url('tabs');
  const rec = new Recorder();
  worker.use(http.get(path, ({ request }) => (rec.add(request), HttpResponse.json({ n: 1 }))));
  return { path, rec };
}

describe('tab roles', () => {
  it('leads alone in a single tab, and gives the lock back when it stops', async () => {
    const { path } = serve();
    const a = createSource('m', { src: path });
    const off = a.$state.subscribe(() => {});
    await elected('m');
    expect($tabs.get().m).to.deep.equal({ role: 'leader', tabs: 1 });
    off();
    a.dispose();
    expect($tabs.get().m).to.equal(undefined);
    // The same name again gets the lock at once: it was released.
    const b = createSource('m', { src: path });
    b.$state.subscribe(() => {});
    await elected('m');
  });

  it('a source disposed while watched leaves the role of the next source of its name alone', async () => {
    const { path } = serve();
    const old = createSource('m', { src: path, tabs: 'independent' });
    const off = old.$state.subscribe(() => {});
    old.dispose();
    // nanostores unmounts a second after the last listener leaves: the old source stops again then.
    off();
    const next = createSource('m', { src: path, tabs: 'independent' });
    next.$state.subscribe(() => {});
    await new Promise((r) => setTimeout(r, 1200));
    expect($tabs.get().m).to.deep.equal({ role: 'independent', tabs: 1 });
  });

  for (const [missing, remove] of [
    ['Web Locks', () => sinon.stub(navigator, 'locks').value(undefined)],
    ['BroadcastChannel', () => sinon.stub(window, 'BroadcastChannel').value(undefined)],
  ] as const) {
    it(`works alone where ${missing} is missing`, async () => {
      remove();
      expect(canShareTabs()).to.equal(false);
      const { path, rec } = serve();
      const source = createSource('m', { src: path });
      source.$state.subscribe(() => {});
      await until(source.$state, (s) => s.origin === 'live');
      expect($tabs.get().m).to.deep.equal({ role: 'independent', tabs: 1 });
      expect(rec.requests).to.have.length(1);
    });
  }
});

describe('a follower’s request to a tab that never answers it', () => {
  it('gives up after its bound and says so: a failed refresh, not a silent one', async () => {
    const env = (id: string): TabEnvironment => ({ id, hidden: () => false, onVisibility: () => () => {}, onLifecycle: () => () => {} });
    const idle = { status: 'idle', error: null } as SourceState;
    const member = (lead: () => void, request: () => Promise<SourceState>): Member => ({
      name: 'm',
      key: 'm',
      state: idle,
      requestLimit: 300,
      unanswered: () => ({ ...idle, status: 'error', error: { kind: 'timeout', message: 'did not answer' } as SourceState['error'] }),
      lead,
      follow: () => {},
      apply: () => {},
      request,
      push: () => {},
      visibilityChanged: () => {},
      roleChanged: () => {},
      lastEventId: () => undefined,
    });
    const name = `live-widgets:unanswered-${Date.now()}`;
    let served: () => void;
    const serving = new Promise<void>((r) => (served = r));
    // A serving tab that is alive (it answers pings) but whose fetch never ends.
    const a = new TabGroup(name, env('a'));
    const seatA = a.join(
      member(
        () => served(),
        () => new Promise(() => {}),
      ),
    );
    await serving;
    const b = new TabGroup(name, env('b'));
    const seatB = b.join(
      member(
        () => {},
        async () => idle,
      ),
    );
    expect(seatB.role).to.equal('follower');
    const state = await seatB.request(true, true);
    expect(state.status).to.equal('error');
    expect(state.error).to.include({ kind: 'timeout' });
    seatB.leave();
    seatA.leave();
  });
});

describe('the scout of a lone tab', () => {
  const env: TabEnvironment = { id: 'lone', hidden: () => false, onVisibility: () => () => {}, onLifecycle: () => () => {} };
  const idle = { status: 'idle', error: null } as SourceState;
  const member = (key: string, calls: string[]): Member => ({
    name: key,
    key,
    state: idle,
    requestLimit: 1000,
    unanswered: () => idle,
    lead: () => void calls.push('lead'),
    follow: () => void calls.push('follow'),
    apply: () => {},
    request: async () => idle,
    push: () => {},
    visibilityChanged: () => {},
    roleChanged: (role) => void calls.push(role),
    lastEventId: () => undefined,
  });

  it('stops serving at once when another tab takes its lock, before the protocol has come', async () => {
    const name = `live-widgets:scout-stolen-${Date.now()}`;
    const calls: string[] = [];
    // The protocol's code takes its time (a slow network): the scout must not serve meanwhile.
    const scout = new Scout(
      name,
      env,
      () => {},
      () => new Promise(() => {}),
    );
    const seat = scout.join(member('m', calls));
    await waitUntil(() => seat.role === 'leader', 'the lone tab never served');
    // Another tab, whose watchdog heard nobody serve, takes the lock.
    await new Promise<void>((taken) => void navigator.locks.request(`${name}:source:m`, { steal: true }, async () => taken()));
    await waitUntil(() => seat.role === 'follower', 'it still serves after its lock was taken');
    expect(calls).to.deep.equal(['follower', 'lead', 'leader', 'follow', 'follower']);
    seat.leave();
  });

  it('fails a request in time while the protocol it waits for is slow to come, and does not run it after', async () => {
    const name = `live-widgets:scout-waits-${Date.now()}`;
    // Another tab leads the group: this one follows, and needs the protocol's code to ask it.
    let release!: () => void;
    await new Promise<void>((held) => void navigator.locks.request(name, () => (held(), new Promise<void>((r) => (release = r)))));
    let asked = 0;
    let joined = false;
    const waiting = {
      ...member('m', []),
      requestLimit: 300,
      unanswered: () => ({ ...idle, status: 'error', error: { kind: 'timeout', message: 'did not answer' } }) as SourceState,
    };
    // The protocol's code comes when the test says; its group counts what it is asked.
    let arrive!: () => void;
    class Group {
      join(): Membership<unknown> {
        joined = true;
        return { role: 'follower', hidden: false, broadcast: () => {}, request: async () => (asked++, idle), push: () => {}, leave: () => {} };
      }
    }
    const scout = new Scout(
      name,
      env,
      () => {},
      () => new Promise((r) => (arrive = () => r({ TabGroup: Group as unknown as typeof TabGroup }))),
    );
    const seat = scout.join(waiting);
    const started = performance.now();
    const state = await seat.request(true, true);
    expect(state.status).to.equal('error');
    expect(state.error).to.include({ kind: 'timeout' });
    expect(performance.now() - started).to.be.within(250, 2000);
    // The code comes at last and the seat joins its group: the request given up is not sent after all.
    await waitUntil(() => arrive !== undefined, 'the scout never asked for the protocol');
    arrive();
    await waitUntil(() => joined, 'the seat never joined the group');
    await new Promise((r) => setTimeout(r, 50));
    expect(asked).to.equal(0);
    seat.leave();
    release();
  });

  it('works alone when Web Locks fail, and so does a source made later', async () => {
    sinon.stub(navigator.locks, 'request').rejects(new DOMException('Locks are not allowed here.', 'SecurityError'));
    const { path, rec } = serve();
    const a = createSource('first', { src: path });
    a.$state.subscribe(() => {});
    await until(a.$state, (s) => s.origin === 'live');
    const b = createSource('later', { src: path });
    b.$state.subscribe(() => {});
    await until(b.$state, (s) => s.origin === 'live');
    expect($tabs.get().first).to.deep.equal({ role: 'independent', tabs: 1 });
    expect($tabs.get().later).to.deep.equal({ role: 'independent', tabs: 1 });
    expect(rec.requests).to.have.length(2);
  });
});
