// Shared by the test files in which IndexedDB fails: each needs a page of its own, since the
// database opens once per page.
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import sinon from 'sinon';
import { createSource } from '../../src/data/source.js';
import { disposeAll, startNetwork, until, url } from '../helpers.js';

export async function withoutCache() {
  const worker = await startNetwork();
  const rejections: unknown[] = [];
  addEventListener('unhandledrejection', (e) => rejections.push(e.reason));
  afterEach(() => {
    disposeAll();
    worker.resetHandlers();
    sinon.restore();
  });

  /** A persisted source still loads from the network and takes pushes. */
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

  return { works, rejections };
}
