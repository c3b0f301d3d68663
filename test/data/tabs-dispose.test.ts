// A source disposed right after it started must still free its tab lock. The lock is granted at
// once, before its callback runs, and an abort cannot take back a granted lock; <live-diagnostics>
// hit this with its health source, which then never loaded. Its own file: the race shows on a
// page's first lock requests.
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { createSource } from '../../src/data/source.js';
import { $tabs } from '../../src/stores/tabs.js';
import { testNetwork, until, url } from '../helpers.js';

const worker = await testNetwork();

for (const when of ['at once', 'a microtask later', 'a task later'] as const) {
  it(`lets the next source of its name lead when disposed ${when} after it started`, async () => {
    const path = url('dispose');
    worker.use(http.get(path, () => HttpResponse.json({ n: 1 })));
    const name = `m-${when}`;
    const a = createSource(name, { src: path });
    a.$state.subscribe(() => {});
    if (when === 'a microtask later') await Promise.resolve();
    if (when === 'a task later') await new Promise((r) => setTimeout(r, 0));
    a.dispose();
    const b = createSource(name, { src: path });
    b.$state.subscribe(() => {});
    const live = await until(b.$state, (s) => s.origin === 'live');
    expect(live.data).to.deep.equal({ n: 1 });
    expect($tabs.get()[name]).to.deep.equal({ role: 'leader', tabs: 1 });
  });
}
