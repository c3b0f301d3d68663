// IndexedDB that fails to open. The database opens once per page, so these run before anything opened it.
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import sinon from 'sinon';
import { createSource } from '../../src/data/source.js';
import { $diagnostics } from '../../src/stores/diagnostics.js';
import { disposeAll, startNetwork, until, url } from '../helpers.js';

const worker = await startNetwork();
const rejections: unknown[] = [];
addEventListener('unhandledrejection', (e) => rejections.push(e.reason));

afterEach(() => {
  disposeAll();
  worker.resetHandlers();
  sinon.restore();
});

async function works(name: string) {
  const path = url('nocache');
  worker.use(http.get(path, () => HttpResponse.json({ n: 1 })));
  const source = createSource<{ n: number }>(name, { src: path, persist: true });
  source.$state.subscribe(() => {});
  const state = await until(source.$state, (s) => s.origin === 'live');
  expect(state.data).to.deep.equal({ n: 1 });
  source.push({ n: 2 });
  expect(source.state.data).to.deep.equal({ n: 2 });
  return source;
}

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
