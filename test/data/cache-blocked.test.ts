// IndexedDB that never answers (blocked by another connection).
import { expect } from '@open-wc/testing';
import sinon from 'sinon';
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
});
