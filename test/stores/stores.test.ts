import { expect } from '@open-wc/testing';
import { createSource } from '../../src/data/source.js';
import { liveError } from '../../src/data/errors.js';
import { $diagnostics, $totals } from '../../src/stores/diagnostics.js';
import { end as recordEnd, start as recordStart } from '../../src/data/stats.js';
import { $errors, clearError, dismissError, setError } from '../../src/data/error-store.js';
import { findSource, findSources } from '../../src/stores/sources.js';
import { disposeAll } from '../helpers.js';

afterEach(disposeAll);

describe('source registry', () => {
  it('binds an unnamed element to `default`, else to the only source, else to none', () => {
    expect(findSource()).to.equal(undefined);
    const only = createSource('orders', {});
    expect(findSource()).to.equal(only);
    const other = createSource('stock', {});
    expect(findSource()).to.equal(undefined);
    const def = createSource('default', {});
    expect(findSource()).to.equal(def);
    expect(findSource('stock')).to.equal(other);
    expect(findSource('nope')).to.equal(undefined);
    expect(findSources().map((s) => s.name)).to.deep.equal(['orders', 'stock', 'default']);
    expect(findSources('stock')).to.deep.equal([other]);
    expect(findSources('nope')).to.deep.equal([]);
  });
});

describe('$errors', () => {
  const err = (status: number) => liveError('http', { source: 'x', url: '/x', status });

  it('keeps one error per source, dismissed until a different failure or a success', () => {
    setError('x', err(500));
    expect($errors.get().x).to.include({ dismissed: false });
    dismissError('x');
    setError('x', err(500));
    expect($errors.get().x!.dismissed).to.equal(true);
    setError('x', err(502));
    expect($errors.get().x!.dismissed).to.equal(false);
    clearError('x');
    expect($errors.get().x).to.equal(undefined);
  });
});

describe('$diagnostics', () => {
  it('counts requests and summarises latency; totals add up with the hit rate', () => {
    for (const [ms, notModified] of [
      [10, false],
      [30, true],
      [20, true],
      [1000, false],
    ] as const) {
      recordStart('d1');
      recordEnd('d1', ms, { ok: true, notModified, cached: false, bytes: notModified ? 0 : 100 });
    }
    recordStart('d1');
    expect($diagnostics.get().d1).to.include({ requests: 5, successes: 4, notModified: 2, inFlight: 1, bytes: 200, lastLatency: 1000 });
    recordEnd('d1', 5, { ok: false, kind: 'timeout' });
    recordStart('d2');
    recordEnd('d2', 1, { ok: false, kind: 'aborted' });
    const d1 = $diagnostics.get().d1!;
    expect(d1).to.include({ failures: 1, failuresInRow: 1, lastErrorKind: 'timeout', inFlight: 0 });
    expect(d1.latency).to.deep.equal({ median: 20, p95: 1000, samples: 5 });
    expect($diagnostics.get().d2).to.include({ requests: 1, failures: 0, inFlight: 0 });
    const totals = $totals.get();
    expect(totals).to.include({ requests: 6, successes: 4, failures: 1, notModified: 2, inFlight: 0 });
    expect(totals.hitRate).to.equal(0.5);
  });
});
