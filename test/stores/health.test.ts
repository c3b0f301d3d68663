import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { createSource } from '../../src/data/source.js';
import { cycle as recordCycle, end as recordEnd, start as recordStart } from '../../src/data/stats.js';
import { $health, $healthStatus, $pageTargets, setPageTargets } from '../../src/stores/health.js';
import { disposeAll } from '../helpers.js';

const T0 = 1_800_000_000_000;

/** `n` finished requests of `latency` ms for a source, each a fetch of its own. */
function requests(name: string, n: number, latency: number, ok = true): void {
  for (let i = 0; i < n; i++) {
    recordStart(name);
    recordEnd(name, latency, ok ? { ok: true, notModified: true, cached: false, bytes: 0 } : { ok: false, kind: 'http' });
    recordCycle(name, ok);
  }
}

describe('$health', () => {
  let clock: sinon.SinonFakeTimers;
  let off: () => void;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    off = $health.listen(() => {});
  });
  afterEach(() => {
    off();
    clock.runAll();
    clock.restore();
    $pageTargets.set({});
    disposeAll();
  });

  it('judges each source over its window, and renews the verdict as figures leave it', () => {
    createSource('slow', {});
    requests('slow', 6, 400);
    expect($health.get().status).to.equal('degraded');
    const latency = $health.get().sources.slow.targets.find((t) => t.key === 'latency')!;
    expect(latency).to.include({ verdict: 'miss', value: 400, samples: 6 });
    // Five minutes on, with no request since, the slow answers have left the window: nothing to judge.
    clock.tick(5 * 60_000 + 10_000);
    expect($health.get().status).to.equal('unknown');
    expect($health.get().sources.slow.targets.every((t) => t.verdict === 'unknown')).to.equal(true);
  });

  it('takes the page’s targets over the defaults and a source’s over the page’s', () => {
    createSource('a', { targets: 'latency 1s' });
    createSource('b', {});
    requests('a', 6, 400);
    requests('b', 6, 400);
    expect($health.get().sources.a.status).to.equal('ok');
    expect($health.get().sources.b.status).to.equal('degraded');
    setPageTargets('latency 500ms; window 1m');
    expect($health.get().sources.b).to.include({ status: 'ok', window: 60_000 });
    expect(() => setPageTargets('latency soon')).to.throw(TypeError);
    expect($pageTargets.get()).to.deep.equal({ latency: 500, window: 60_000 });
  });

  it('says a source’s bad targets once and judges it by the page’s', () => {
    const error = sinon.stub(console, 'error');
    try {
      createSource('odd', { targets: 'speed 11' });
      requests('odd', 6, 400);
      requests('odd', 1, 400);
      expect($health.get().sources.odd.status).to.equal('degraded');
      expect(error.calledOnce).to.equal(true);
      expect(error.firstCall.args[0]).to.match(/source "odd".*names: hit-rate.*its targets are the page's/);
    } finally {
      error.restore();
    }
  });

  it('changes the page’s verdict once per change, not with each figure', () => {
    createSource('v', {});
    const seen: string[] = [];
    const stop = $healthStatus.listen((s) => seen.push(s));
    requests('v', 6, 10);
    requests('v', 6, 20);
    requests('v', 20, 900);
    requests('v', 10, 950);
    stop();
    expect(seen).to.deep.equal(['ok', 'degraded']);
  });
});
