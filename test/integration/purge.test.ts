// A refresh that reaches past a server's own cache when that cache ignores a forced refresh: the
// source's `purge` (a URL to POST first), against the reference server with its cache set to
// ignore `_t` and `Cache-Control` (the `ignoreRefresh` fault), through the data layer and the
// refresh button.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/live-refresh-button.js';
import '../../src/components/live-error-alert.js';
import '../../src/components/live-source.js';
import type { LiveRefreshButton } from '../../src/components/live-refresh-button.js';
import type { LiveSource } from '../../src/components/live-source.js';
import { createSource } from '../../src/data/source.js';
import { cacheServer, closeCacheServers, requestsOf, setFaults, TOKEN } from '../cache-server.js';
import { disposeAll, pause, until } from '../helpers.js';
import { waitUntil } from '../wait.js';

afterEach(async () => {
  disposeAll();
  await closeCacheServers();
});

/** A server whose cache holds a 2-second-old overview and ignores a forced refresh. */
async function stubbornCache() {
  const base = await cacheServer();
  await setFaults(base, { ignoreRefresh: true });
  await fetch(`${base}/api/overview`);
  await pause(2100);
  return base;
}

/** The order in which the overview's requests reached the server: `purge` (either way), `read` or `forced`. */
const steps = async (base: string) =>
  (await requestsOf(base))
    .filter((r) => /^\/api\/(refresh\/overview|overview|cache\/clear)$/.test(r.path))
    .map((r) => (r.path !== '/api/overview' ? 'purge' : r.search.includes('_t=') ? 'forced' : 'read'));

describe('a refresh past the server’s own cache (purge)', function () {
  this.timeout(20_000);

  it('is needed: without it, a refresh of a cache that ignores Cache-Control gets the old copy', async () => {
    const base = await stubbornCache();
    const source = createSource('plain', { src: `${base}/api/overview` });
    source.$state.subscribe(() => {});
    await until(source.$state, (s) => s.origin !== 'none');
    const after = await source.refresh();
    expect(after).to.deep.include({ origin: 'server-cache', servedBy: 'app-cache', error: null });
    expect(Date.now() - after.updatedAt!).to.be.at.least(2000);
  });

  it('POSTs its URL before the forced refetch, which then gets a first-hand answer', async () => {
    const base = await stubbornCache();
    const source = createSource('purged', { src: `${base}/api/overview`, purge: `${base}/api/refresh/overview` });
    source.$state.subscribe(() => {});
    const first = await until(source.$state, (s) => s.origin !== 'none');
    expect(first.origin, 'an ordinary fetch does not purge').to.equal('server-cache');
    const clicked = Date.now();
    const after = await source.refresh();
    expect(after).to.deep.include({ origin: 'live', servedBy: null, error: null, status: 'idle' });
    expect(after.updatedAt).to.be.at.least(clicked - 1000);
    expect(await steps(base)).to.deep.equal(['read', 'read', 'purge', 'forced']);
  });

  it('sends the source’s headers with it: an operator’s page may purge through the cache’s own clear', async () => {
    const base = await stubbornCache();
    const source = createSource('operator', {
      src: `${base}/api/overview`,
      purge: `${base}/api/cache/clear`,
      headers: () => ({ authorization: `Bearer ${TOKEN}` }),
    });
    source.$state.subscribe(() => {});
    await until(source.$state, (s) => s.origin !== 'none');
    expect(await source.refresh()).to.deep.include({ origin: 'live', error: null });
  });

  it('keeps the button busy through both steps, and says “Refresh failed” with the refusal when the purge is refused', async () => {
    const base = await stubbornCache();
    const page = await fixture(html`<div>
      <live-source name="ov" src=${`${base}/api/overview`} purge=${`${base}/api/cache/clear`}></live-source>
      <live-refresh-button source="ov" lang="en"></live-refresh-button>
      <live-error-alert source="ov" lang="en"></live-error-alert>
    </div>`);
    const source = page.querySelector<LiveSource>('live-source')!.source!;
    const button = page.querySelector<LiveRefreshButton>('live-refresh-button')!;
    const shown = await until(source.$state, (s) => s.origin !== 'none');
    // Every answer now waits a second: the purge's too.
    await setFaults(base, { latency: 1000 });
    button.shadowRoot!.querySelector('button')!.click();
    await waitUntil(async () => (await steps(base)).includes('purge'), 'the purge was never sent');
    await button.updateComplete;
    expect(button.busy, 'busy while the purge is out').to.equal(true);
    expect(button.shadowRoot!.querySelector('button')!.getAttribute('aria-busy')).to.equal('true');
    await waitUntil(() => !button.busy, 'the button stays busy', { timeout: 8000 });
    await button.updateComplete;
    expect(button.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal('Refresh failed');
    const state = source.state;
    expect(state.error).to.deep.include({ kind: 'http', status: 401, url: `${base}/api/cache/clear` });
    expect(state.error!.detail).to.match(/operator's token/);
    expect(state.data, 'the data stays').to.deep.equal(shown.data);
    expect(await steps(base), 'no refetch after a refused purge').to.not.include('forced');
    const alert = page.querySelector('live-error-alert')!.shadowRoot!;
    await waitUntil(() => /HTTP 401/.test(alert.textContent ?? ''), 'the alert never told the refusal');
  });

  it('takes its URL from the purge attribute; a bad one is a TypeError that says what it must be', async () => {
    const base = await cacheServer();
    const el = await fixture<LiveSource>(html`<live-source name="attr" src=${`${base}/api/overview`} purge=${`${base}/api/refresh/overview`}></live-source>`);
    expect(el.source!.options.purge).to.equal(`${base}/api/refresh/overview`);
    expect(() => createSource('bad', { purge: ' ' })).to.throw(TypeError, /"purge" must be a URL to POST before a forced refresh; got " "/);
  });
});
