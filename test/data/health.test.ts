import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { AT_LEAST, DEFAULT_TARGETS, MIN_SAMPLES, judge, mergeTargets, parseTargets, worst, type TargetKey } from '../../src/data/health.js';
import { BUCKET, KEPT, addTo, countsOver, nextChange, noCounts, type Bucket, type Counts } from '../../src/data/window.js';

const T0 = 1_800_000_000_000;

describe('sliding window', () => {
  it('adds into 10 s buckets and sums those that began within the window', () => {
    let recent: Bucket[] = [];
    recent = addTo(recent, T0, { requests: 1, failures: 1 });
    recent = addTo(recent, T0 + 3_000, { requests: 1, successes: 1 });
    recent = addTo(recent, T0 + 61_000, { requests: 1, successes: 1, hits: 1 });
    expect(recent).to.have.length(2);
    expect(countsOver(recent, T0 + 61_000, 5 * 60_000)).to.include({ requests: 3, failures: 1, successes: 2, hits: 1 });
    // One minute later the first bucket has left a one-minute window.
    expect(countsOver(recent, T0 + 70_001, 60_000)).to.include({ requests: 1, failures: 0 });
    expect(nextChange(recent, T0 + 61_000, 60_000)).to.equal(Math.floor(T0 / BUCKET) * BUCKET + BUCKET + 60_000);
    expect(nextChange([], T0, 60_000)).to.equal(null);
  });

  it('keeps 15 minutes and never changes the list it was given', () => {
    const first = addTo([], T0, { requests: 1 });
    const later = addTo(first, T0 + KEPT + BUCKET, { requests: 1 });
    expect(first).to.have.length(1);
    expect(later).to.have.length(1);
    expect(later[0].at).to.be.greaterThan(T0);
  });

  it('counts every event exactly once, whatever the order of times (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 14 * 60_000 }), { maxLength: 60 }), (offsets) => {
        const times = offsets.map((o) => T0 + o).sort((a, b) => a - b);
        let recent: Bucket[] = [];
        for (const t of times) recent = addTo(recent, t, { requests: 1 });
        const now = times[times.length - 1] ?? T0;
        expect(countsOver(recent, now, KEPT).requests).to.equal(times.length);
      }),
    );
  });
});

describe('health targets', () => {
  const counts = (c: Partial<Counts>): Counts => ({ ...noCounts(), ...c });

  it('judges each target by its direction, and says nothing on too few samples', () => {
    const good = counts({ requests: 10, successes: 10, hits: 10, latency: 500, cycles: 10 });
    const j = judge(good, DEFAULT_TARGETS, false);
    expect(j.status).to.equal('ok');
    expect(j.targets.map((t) => [t.key, t.verdict])).to.deep.equal([
      ['hitRate', 'pass'],
      ['errorRate', 'pass'],
      ['latency', 'pass'],
      ['syncSuccess', 'pass'],
    ]);
    const slow = judge(counts({ ...good, latency: 10 * 250 }), DEFAULT_TARGETS, false);
    expect(slow.status).to.equal('degraded');
    expect(slow.targets.find((t) => t.key === 'latency')).to.include({ verdict: 'miss', value: 250 });
    const few = judge(counts({ requests: MIN_SAMPLES - 1, failures: MIN_SAMPLES - 1, cycles: 1, cycleFailures: 1 }), DEFAULT_TARGETS, false);
    expect(few.status).to.equal('unknown');
    expect(few.targets.every((t) => t.verdict === 'unknown')).to.equal(true);
    expect(judge(noCounts(), DEFAULT_TARGETS, false).targets.every((t) => t.value === null)).to.equal(true);
    expect(judge(good, DEFAULT_TARGETS, true).status).to.equal('failing');
  });

  it('passes a target exactly when its figure meets it (property)', () => {
    const key = fc.constantFrom<TargetKey>('hitRate', 'errorRate', 'latency', 'syncSuccess');
    fc.assert(
      fc.property(key, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), (k, n, bad, target) => {
        const total = n + bad;
        const c = counts({ requests: total, successes: n, failures: bad, hits: n, latency: bad * 1000, cycles: total, cycleFailures: bad });
        const r = judge(c, mergeTargets({ [k]: k === 'latency' ? target * 1000 : target }), false).targets.find((t) => t.key === k)!;
        const samples = k === 'hitRate' ? n : total;
        const meets = AT_LEAST[k] ? r.value! >= r.target : r.value! <= r.target;
        expect(r.verdict).to.equal(samples < MIN_SAMPLES ? 'unknown' : meets ? 'pass' : 'miss');
      }),
    );
  });

  it('reads targets as an attribute writes them, and says what is wrong', () => {
    expect(parseTargets('hit-rate 80%; error-rate: 0.02, latency 500ms; sync-success 95%; window 10m')).to.deep.equal({
      hitRate: 0.8,
      errorRate: 0.02,
      latency: 500,
      syncSuccess: 0.95,
      window: 600_000,
    });
    expect(parseTargets('  ')).to.deep.equal({});
    expect(() => parseTargets('speed 9000')).to.throw(TypeError, /names: hit-rate/);
    expect(() => parseTargets('hit-rate 120%')).to.throw(TypeError, /share such as 90%/);
    expect(() => parseTargets('latency fast')).to.throw(TypeError, /duration/);
    expect(() => parseTargets('window 1h')).to.throw(TypeError, /from 10s to 15m/);
    expect(mergeTargets({ latency: 500 }, undefined, { hitRate: 0.5 })).to.deep.equal({ ...DEFAULT_TARGETS, latency: 500, hitRate: 0.5 });
  });

  it('gives the page its worst source’s health', () => {
    expect(worst([])).to.equal('unknown');
    expect(worst(['unknown', 'ok'])).to.equal('ok');
    expect(worst(['ok', 'degraded', 'ok'])).to.equal('degraded');
    expect(worst(['degraded', 'failing', 'unknown'])).to.equal('failing');
  });
});
