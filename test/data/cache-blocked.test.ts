// IndexedDB that never answers: a page of its own, since the database opens once per page.
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

describe('offline cache blocked', () => {
  it('does not wait for an IndexedDB that never answers (blocked by another connection)', async () => {
    sinon.stub(IDBFactory.prototype, 'open').returns({} as IDBOpenDBRequest);
    await works('blocked');
    const stats = await until($diagnostics, (d) => (d.blocked?.cacheFailures ?? 0) >= 1);
    expect(stats.blocked!.cacheError).to.match(/did not answer/);
    expect(rejections).to.deep.equal([]);
  });
});
