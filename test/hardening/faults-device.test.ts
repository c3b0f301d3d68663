// The device misbehaves: IndexedDB over quota, storage that throws. The data shows anyway, the
// diagnostics say why, and nothing is thrown at the page. (IndexedDB blocked by another
// connection, and missing, are in test/data/cache-blocked and cache-unavailable; the bundle
// loaded twice in test/integration/two-copies.)
import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import sinon from 'sinon';
import '../../src/index.js';
import { clearCache } from '../../src/data/cache.js';
import { createSource } from '../../src/data/source.js';
import { $diagnostics } from '../../src/stores/diagnostics.js';
import { pause, testNetwork, until, url } from '../helpers.js';
import { expectNothingLeft, meter, type Meter } from './meter.js';

const worker = await testNetwork();
let m: Meter;
beforeEach(() => (m = meter()));
afterEach(async () => {
  m.stop();
  sinon.restore();
  await clearCache();
});

describe('a misbehaving device', () => {
  it('IndexedDB over quota: the data shows, the diagnostics count the failed write', async () => {
    sinon.stub(IDBObjectStore.prototype, 'put').throws(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const path = url('quota');
    worker.use(http.get(path, () => HttpResponse.json({ n: 1 })));
    const source = createSource('q', { src: path, persist: true });
    const page = await fixture(html`<div><live-value source="q" path="n"></live-value></div>`);
    await until(source.$state, (s) => s.origin === 'live');
    // The write (batched, within a second) fails.
    const stats = await until($diagnostics, (d) => (d.q?.cacheFailures ?? 0) >= 1);
    expect(stats.q!.cacheError).to.match(/quota/i);
    expect(source.state.error).to.equal(null);
    expect(page.querySelector('live-value')!.shadowRoot!.textContent!.trim()).to.equal('1');
    source.dispose();
    await expectNothingLeft(m, page);
  });

  it('localStorage that throws: auto-refresh still switches, and remembers nothing', async () => {
    sinon.stub(Storage.prototype, 'getItem').throws(new DOMException('Access is denied', 'SecurityError'));
    sinon.stub(Storage.prototype, 'setItem').throws(new DOMException('Access is denied', 'SecurityError'));
    const path = url('storage');
    worker.use(http.get(path, () => HttpResponse.json({ n: 1 })));
    const source = createSource('ls', { src: path, poll: '30s' });
    const page = await fixture(html`<div><live-auto-refresh source="ls"></live-auto-refresh></div>`);
    await until(source.$state, (s) => s.origin === 'live');
    const el = page.querySelector('live-auto-refresh')!;
    const toggle = el.shadowRoot!.querySelector('input')!;
    toggle.click();
    await pause(0);
    expect(source.options.poll).to.equal(0);
    expect(el.getAttribute('state')).to.equal('paused');
    toggle.click();
    await pause(0);
    expect(source.options.poll).to.equal(30_000);
    source.dispose();
    await expectNothingLeft(m, page);
  });
});
