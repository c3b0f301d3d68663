// IndexedDB that fails to open, or is missing.
import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { $diagnostics } from '../../src/stores/diagnostics.js';
import { until } from '../helpers.js';
import { withoutCache } from './without-cache.js';

const { works, rejections } = await withoutCache();

describe('offline cache unavailable', () => {
  it('works from memory when opening IndexedDB throws, says why, and rejects nothing', async () => {
    sinon.stub(IDBFactory.prototype, 'open').throws(new DOMException('The user denied storage', 'SecurityError'));
    const source = await works('denied');
    const stats = await until($diagnostics, (d) => (d.denied?.cacheFailures ?? 0) >= 1);
    expect(stats.denied!.cacheError).to.match(/SecurityError/);
    source.dispose();
    expect(rejections).to.deep.equal([]);
  });

  it('works from memory where there is no IndexedDB at all', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(window, 'indexedDB')!;
    Object.defineProperty(window, 'indexedDB', { configurable: true, value: undefined });
    try {
      await works('missing');
      const stats = await until($diagnostics, (d) => (d.missing?.cacheFailures ?? 0) >= 1);
      expect(stats.missing!.cacheError).to.match(/not available/);
    } finally {
      Object.defineProperty(window, 'indexedDB', descriptor);
    }
    expect(rejections).to.deep.equal([]);
  });
});
