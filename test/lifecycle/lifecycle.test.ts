// Tabs through the page lifecycle, in a real Chromium with the back/forward cache on (see
// tabs.mjs, which the test runner runs in Node): whatever happens to the tab that leads, another
// tab leads and shows new data, and one tab leads once the dust settles. How fast: npm run bench.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

interface Outcome {
  handoverMs: number;
  persisted?: boolean;
  events?: string[];
  roles?: string[];
  hidden?: string;
  refreshed?: string;
  droppedMs?: number;
  transport?: string;
  websocket?: number;
  sse?: number;
}
interface Said {
  badge: string;
  origin: string;
  ageMs: number;
  asked: number;
}
/**
 * Runs a scenario in this run's engine. One the engine's driver cannot play (Firefox has no CDP)
 * is skipped, its title saying why: counted as skipped, never passed.
 */
async function run<T = Outcome>(test: Mocha.Context, name: string): Promise<T> {
  const r = await executeServerCommand<T & { unsupported?: string }, { name: string }>('lifecycle', { name });
  if (r.unsupported) {
    test.test!.title += ` (not in this engine: ${r.unsupported})`;
    test.skip();
  }
  return r;
}

describe('tabs through the page lifecycle (real tabs, real back/forward cache)', function () {
  this.timeout(60_000);

  // First: it starts the browser, which the hung leader's 12 s (within a command's 20 s) must not wait for.
  it('a leader whose tab is closed hands over', async function () {
    expect((await run(this, 'close')).handoverMs).to.be.a('number');
  });

  it('a leader whose page goes into the back/forward cache lets go; back, it follows the tab that took over', async function () {
    const r = await run(this, 'bfcache');
    expect(r.persisted, 'the page really was restored from the back/forward cache').to.equal(true);
    expect(r.events).to.deep.equal(['pagehide:persisted', 'freeze', 'resume', 'pageshow:persisted']);
    expect(r.roles).to.deep.equal(['follower', 'leader']);
  });

  it('a frozen leader lets go; a follower’s forced refresh meanwhile is served at once, and the resumed tab follows', async function () {
    const r = await run(this, 'freeze');
    expect(r.hidden, 'only a hidden page is frozen').to.equal('hidden');
    expect(r.events).to.deep.equal(['freeze', 'resume']);
    expect(r.refreshed).to.equal('idle');
  });

  it('a leader whose main thread hangs is taken over by a visible follower before it wakes; then it follows', async function () {
    const r = await run(this, 'hung');
    expect(r.handoverMs, 'taken over while the leader still hung (12 s)').to.be.below(12_000);
    expect(r.roles).to.deep.equal(['follower', 'leader']);
  });

  it('a leader whose tab crashes hands over', async function () {
    expect((await run(this, 'crash')).handoverMs).to.be.a('number');
  });

  it('a follower that crashes without a word drops out of the count, and so does one that closes', async function () {
    expect((await run(this, 'count')).droppedMs).to.be.a('number');
  });

  it('an API the browser may keep answers of is asked again after a reload, and back from the back/forward cache; the page says what it said then', async function () {
    const r = await run<{ first: Said; reloaded: Said; back: Said & { events: string[] } }>(this, 'httpCache');
    expect(r.first).to.include({ badge: 'live', origin: 'live' });
    for (const step of ['reloaded', 'back'] as const) {
      expect(r[step].asked, `${step}: the server was asked`).to.equal(1);
      expect(r[step], step).to.include({ badge: 'live', origin: 'live' });
      expect(r[step].ageMs, step).to.be.below(1000);
    }
    expect(r.back.events, 'the page came back from the back/forward cache').to.include('pageshow:persisted');
  });

  it('three tabs pushed to over WebSocket hold one socket for the browser, and every tab shows each event', async function () {
    expect(await run(this, 'sockets')).to.include({ transport: 'websocket', websocket: 1, sse: 0 });
  });
});
