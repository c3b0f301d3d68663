// IndexedDB that never answers (blocked by another connection).
import { expect } from '@open-wc/testing';
import { createStore, set } from 'idb-keyval';
import sinon from 'sinon';
import { createSource } from '../../src/data/source.js';
import { $diagnostics } from '../../src/stores/diagnostics.js';
import { until } from '../helpers.js';
import { withoutCache } from './without-cache.js';

const { works, rejections } = await withoutCache();

describe('offline cache blocked', () => {
  it('does not wait for an IndexedDB that never answers (blocked by another connection)', async () => {
    sinon.stub(IDBFactory.prototype, 'open').returns({} as IDBOpenDBRequest);
    await works('blocked');
    const stats = await until($diagnostics, (d) => (d.blocked?.cacheFailures ?? 0) >= 1);
    expect(stats.blocked!.cacheError).to.match(/did not answer/);
    expect(rejections).to.deep.equal([]);
  });

  // The page's one connection must not stay behind a request that never ends.
  it('opens a connection of its own after one that never answered', async () => {
    sinon.stub(IDBFactory.prototype, 'open').returns({} as IDBOpenDBRequest);
    await works('first');
    await until($diagnostics, (d) => (d.first?.cacheFailures ?? 0) >= 1);
    sinon.restore();
    await set(['', 'second'], { v: 1, data: 'kept', updatedAt: Date.now() }, createStore('live-widgets', 'sources'));
    const second = createSource('second', { persist: true });
    second.$state.subscribe(() => {});
    expect((await until(second.$state, (s) => s.origin === 'cache')).data).to.equal('kept');
  });
});
