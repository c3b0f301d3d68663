// <live-cache-status> against a real reference server with its application cache (in memory).
import { expect, fixture, html } from '@open-wc/testing';
import { cacheServer as server, closeCacheServers, setFaults, TOKEN } from '../cache-server.js';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/components/live-cache-status.js';
import type { LiveCacheStatus } from '../../src/components/live-cache-status.js';
import sinon from 'sinon';
import { words } from '../../src/components/strings.js';
import { createSource } from '../../src/data/source.js';
import { disposeAll, until } from '../helpers.js';
import { waitUntil } from '../wait.js';

afterEach(async () => {
  disposeAll();
  await closeCacheServers();
});

const part = (el: LiveCacheStatus, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~='${name}']`);
const text = (el: LiveCacheStatus, name: string) => part(el, name)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const keys = (el: LiveCacheStatus) => [...el.shadowRoot!.querySelectorAll('tbody th')].map((th) => th.textContent);

async function shown(base: string, headers: LiveCacheStatus['headers'] = { authorization: `Bearer ${TOKEN}` }) {
  const el = await fixture<LiveCacheStatus>(html`<live-cache-status lang="en" src=${`${base}/api/cache/status`} .headers=${headers}></live-cache-status>`);
  await waitUntil(() => !!part(el, 'summary') || /unavailable/.test(text(el, 'message')), 'the status never showed');
  return el;
}

/** Asks for `action`, checks the question and where focus went, and confirms. */
async function confirm(el: LiveCacheStatus, action: 'warm' | 'clear') {
  part(el, action)!.click();
  await el.updateComplete;
  expect(part(el, 'confirm')!.getAttribute('role')).to.equal('group');
  await waitUntil(() => el.shadowRoot!.activeElement === part(el, 'confirm-button'), 'focus did not move to the confirmation');
  part(el, 'confirm-button')!.click();
}

describe('<live-cache-status>', function () {
  this.timeout(20_000);

  it('shows the keys, size, hit probability, average time to live and each key, accessibly', async () => {
    const base = await server();
    await fetch(`${base}/api/overview`);
    await fetch(`${base}/api/overview`);
    const el = await shown(base);
    await waitUntil(() => keys(el).length === 1, 'the key never showed');
    const figures = [...part(el, 'summary')!.querySelectorAll('div')].map(
      (d) => `${d.querySelector('dt')!.textContent}: ${d.querySelector('dd')!.textContent}`,
    );
    expect(figures.join('; ')).to.match(/^Keys: 1; Estimated size: \d+ byte; Hit probability: 50%; Average time to live: 5 min; Kept in: the server’s memory$/);
    expect(keys(el)).to.deep.equal(['overview']);
    expect(el.shadowRoot!.querySelector('tbody tr')!.textContent!.replace(/\s+/g, ' ')).to.match(/overview 0 sec 5 min \d+ byte/);
    await expect(el).to.be.accessible();
  });

  it('warms the cache once confirmed, says it is running, then says what it did', async () => {
    const base = await server();
    const el = await shown(base);
    expect(text(el, 'message')).to.equal('The cache holds nothing.');
    await confirm(el, 'warm');
    await el.updateComplete;
    expect(part(el, 'warm')!.getAttribute('aria-disabled')).to.equal('true');
    expect(text(el, 'warm')).to.equal('Warming the cache…');
    await waitUntil(() => text(el, 'result') !== '', 'the result was never said');
    expect(part(el, 'result')!.getAttribute('role')).to.equal('status');
    expect(text(el, 'result')).to.match(/^Cache warmed: (overview, campaigns|campaigns, overview)\.$/);
    // Focus stayed on the action's button through the question and the work.
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'warm'));
    await expect(el).to.be.accessible();
    await waitUntil(() => keys(el).length === 2, 'the status did not show the warmed keys');
    expect(part(el, 'warm')!.getAttribute('aria-disabled')).to.equal('false');
  });

  it('does nothing when the question is cancelled (a button or Escape), and gives focus back', async () => {
    const base = await server();
    const el = await shown(base);
    for (const cancel of [
      () => part(el, 'cancel')!.click(),
      () => part(el, 'confirm-button')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })),
    ]) {
      part(el, 'clear')!.click();
      await el.updateComplete;
      cancel();
      await waitUntil(() => el.shadowRoot!.activeElement === part(el, 'clear'), 'focus did not come back');
      expect(part(el, 'confirm')).to.equal(null);
    }
    expect(text(el, 'result')).to.equal('');
    expect((await (await fetch(`${base}/api/cache/status`)).json()).hits).to.equal(0);
  });

  it('offers no action when it shows another source’s status: the token goes beside its own src only', async () => {
    const base = await server();
    createSource('status', { src: `${base}/api/cache/status` }).$state.subscribe(() => {});
    const el = await fixture<LiveCacheStatus>(
      html`<live-cache-status lang="en" source="status" .headers=${{ authorization: `Bearer ${TOKEN}` }}></live-cache-status>`,
    );
    await waitUntil(() => !!part(el, 'summary'), 'the status never showed');
    expect(part(el, 'actions')).to.equal(null);
  });

  it('clears the cache, and every source of the page fetches its data again', async () => {
    const base = await server();
    const source = createSource('overview', { src: `${base}/api/overview` });
    source.$state.subscribe(() => {});
    await until(source.$state, (s) => s.origin !== 'none');
    const el = await shown(base);
    await waitUntil(() => keys(el).length === 1, 'the entry never showed');
    const asked = async () =>
      ((await (await fetch(`${base}/api/_control/requests`)).json()).requests as { path: string }[]).filter((r) => r.path === '/api/overview').length;
    const before = await asked();
    await confirm(el, 'clear');
    await waitUntil(() => text(el, 'result') !== '', 'the result was never said');
    expect(text(el, 'result')).to.equal('Cache cleared: 1 entries removed. The data is being fetched again.');
    await waitUntil(async () => (await asked()) > before, 'the source never asked again');
    // The source's new request rebuilt the entry: first-hand again.
    expect((await until(source.$state, (s) => s.status === 'idle' && s.origin === 'live')).servedBy).to.equal(null);
  });

  it('shows a refusal as an alert with the server’s reason, and keeps the status on screen', async () => {
    const base = await server();
    await fetch(`${base}/api/campaigns`);
    const el = await shown(base, { authorization: 'Bearer wrong' });
    await waitUntil(() => keys(el).length === 1, 'the entry never showed');
    await confirm(el, 'clear');
    await waitUntil(() => text(el, 'error') !== '', 'the failure was never said');
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(text(el, 'error')).to.equal("Could not clear the cache: That token is not the operator's.");
    expect(keys(el)).to.deep.equal(['campaigns']);
    // The token went in a header, never in the markup or an attribute.
    expect(el.shadowRoot!.innerHTML + el.outerHTML).not.to.contain('wrong');
    expect(
      el
        .getAttributeNames()
        .map((n) => el.getAttribute(n))
        .join(' '),
    ).not.to.contain('wrong');
    await expect(el).to.be.accessible();
  });

  it('gives up on an action with no answer in 30 s, and says so in its own words', async () => {
    const base = await server();
    const el = await shown(base);
    // The server now answers in 3 s; the 30 s limit is a signal this test aborts as AbortSignal.timeout would.
    await setFaults(base, { latency: 3000 });
    const limit = new AbortController();
    const timeout = sinon.stub(AbortSignal, 'timeout').returns(limit.signal);
    try {
      await confirm(el, 'clear');
      await el.updateComplete;
      expect(timeout.calledOnceWith(30_000), 'the limit asked for').to.equal(true);
      limit.abort(new DOMException('signal timed out', 'TimeoutError'));
      await waitUntil(() => text(el, 'error') !== '', 'the timeout was never said');
    } finally {
      timeout.restore();
    }
    expect(text(el, 'error')).to.equal('Could not clear the cache: no answer in 30 s.');
    expect(part(el, 'clear')!.getAttribute('aria-disabled')).to.equal('false');
  });

  it('says the server could not be reached when it is gone, in its own words, not the engine’s', async () => {
    const base = await server();
    const el = await shown(base);
    await executeServerCommand('fresh-server', { close: base.replace('localhost', '127.0.0.1') });
    await confirm(el, 'warm');
    await waitUntil(() => text(el, 'error') !== '', 'the failure was never said');
    expect(text(el, 'error')).to.equal('Could not warm the cache: the server could not be reached.');
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
  });

  it('shows a cache kept in Redis as one, with what every server that shares it put there', async function () {
    const missing = await executeServerCommand<string | false, object>('fresh-server', { redisMissing: true });
    if (missing) return this.skip();
    const [a, b] = [await server({ redis: true }), await server({ redis: true })];
    await fetch(`${a}/api/cache/clear`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    await fetch(`${a}/api/campaigns`);
    // The other server's status shows the entry the first one built.
    const el = await shown(b);
    await waitUntil(() => keys(el).includes('campaigns'), 'the shared entry never showed');
    expect(text(el, 'summary')).to.contain('Kept inRedis, shared by its servers');
    await expect(el).to.be.accessible();
  });

  it('says so when the status cannot be read, or is not a cache status', async () => {
    const base = await server();
    const el = await fixture<LiveCacheStatus>(html`<live-cache-status lang="en" src=${`${base}/api/overview`}></live-cache-status>`);
    await waitUntil(() => /unavailable/.test(text(el, 'message')), 'it never said the status was unavailable');
    expect(text(el, 'message')).to.equal('Cache status unavailable: unexpected response');
    const gone = await fixture<LiveCacheStatus>(html`<live-cache-status lang="en" src=${`${base}/api/no-cache-here`}></live-cache-status>`);
    await waitUntil(() => /unavailable/.test(text(gone, 'message')), 'it never said the status was unavailable', { timeout: 10_000 });
  });
});

describe('words that come later', () => {
  it('are said at once by the elements already on the page (a file loaded later names its own source)', async () => {
    const el = await fixture<LiveCacheStatus>(html`<live-cache-status lang="en"></live-cache-status>`);
    const updates = sinon.spy(el, 'requestUpdate');
    words({ 'cache.later': 'a word of a file loaded later' });
    expect(updates.called).to.equal(true);
    updates.restore();
  });
});
