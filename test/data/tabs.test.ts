import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import sinon from 'sinon';
import { createSource } from '../../src/data/source.js';
import { canShareTabs } from '../../src/data/tabs.js';
import { $tabs } from '../../src/stores/tabs.js';
import { elected, Recorder, testNetwork, until, url } from '../helpers.js';

const worker = await testNetwork();

function serve() {
  const path = url('tabs');
  const rec = new Recorder();
  worker.use(http.get(path, ({ request }) => (rec.add(request), HttpResponse.json({ n: 1 }))));
  return { path, rec };
}

describe('tab roles', () => {
  it('leads alone in a single tab, and gives the lock back when it stops', async () => {
    const { path } = serve();
    const a = createSource('m', { src: path });
    const off = a.$state.subscribe(() => {});
    await elected('m');
    expect($tabs.get().m).to.deep.equal({ role: 'leader', tabs: 1 });
    off();
    a.dispose();
    expect($tabs.get().m).to.equal(undefined);
    // The same name again gets the lock at once: it was released.
    const b = createSource('m', { src: path });
    b.$state.subscribe(() => {});
    await elected('m');
  });

  for (const [missing, remove] of [
    ['Web Locks', () => sinon.stub(navigator, 'locks').value(undefined)],
    ['BroadcastChannel', () => sinon.stub(window, 'BroadcastChannel').value(undefined)],
  ] as const) {
    it(`works alone where ${missing} is missing`, async () => {
      remove();
      expect(canShareTabs()).to.equal(false);
      const { path, rec } = serve();
      const source = createSource('m', { src: path });
      source.$state.subscribe(() => {});
      await until(source.$state, (s) => s.origin === 'live');
      expect($tabs.get().m).to.deep.equal({ role: 'independent', tabs: 1 });
      expect(rec.requests).to.have.length(1);
    });
  }
});
