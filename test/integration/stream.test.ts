// Server-Sent Events and WebSocket from the real reference server to the built bundle: no mocks.
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../wait.js';
import { createStore, get } from 'idb-keyval';
import { bundle, control, dropStreams } from './reference.js';

declare const REFERENCE_URL: string;
const STREAM = `${REFERENCE_URL}/api/stream`;

afterEach(async () => {
  for (const source of [...bundle.$sources.get().values()]) source.dispose();
  await dropStreams();
});

// The same over either transport: Server-Sent Events, and a WebSocket on the same URL.
const SOCKET = STREAM.replace(/^http/, 'ws');
for (const [transport, url] of [
  ['sse', STREAM],
  ['websocket', SOCKET],
] as const) {
  describe(`streaming from the reference server (${transport})`, () => {
    it('puts a pushed event on screen', async () => {
      const name = `ticker-${transport}`;
      const page = await fixture(html`<div>
        <live-source name=${name} stream=${url}></live-source>
        <live-value source=${name} path="n"></live-value>
        <live-source-badge source=${name}></live-source-badge>
      </div>`);
      const source = bundle.getSource(name)!;
      await waitUntil(() => source.state.connection === 'streaming', 'the stream never opened');
      expect(Object.values(bundle.$streams.get()).find((s) => s?.listeners)).to.include({ transport, state: 'open' });
      const value = page.querySelector('live-value')!;
      await control('publish', { event: name, data: { n: 4242 } });
      await waitUntil(() => value.shadowRoot!.textContent!.trim() === '4,242', 'the pushed value never showed');
      const badge = page.querySelector('live-source-badge')!;
      await waitUntil(() => badge.getAttribute('state') === 'live');
    });

    it('resumes a stream cut mid-way with no lost and no duplicated event', async () => {
      const name = `seq-${transport}`;
      const source = bundle.createSource<{ n: number }>(name, { stream: url });
      const seen: number[] = [];
      source.$state.listen((s) => {
        if (s.data && seen[seen.length - 1] !== s.data.n) seen.push(s.data.n);
      });
      await waitUntil(() => source.state.connection === 'streaming', 'the stream never opened');
      for (let n = 1; n <= 5; n++) await control('publish', { event: name, data: { n } });
      await waitUntil(() => seen.length === 5, 'the first five never arrived');
      const { dropped } = await control('drop-streams');
      expect(dropped).to.be.at.least(1);
      await waitUntil(() => source.state.connection !== 'streaming');
      for (let n = 6; n <= 10; n++) await control('publish', { event: name, data: { n } });
      await waitUntil(() => seen.length >= 10, 'the missed events were not replayed', { timeout: 5000 });
      expect(seen).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const stats = Object.values(bundle.$streams.get()).find((s) => s && s.reconnects >= 1);
      expect(stats).to.exist;
    });
  });
}

describe('offline start against the reference server', function () {
  // Three browsers on two cores: Firefox's first answer through its service worker has taken over 5 s.
  this.timeout(20_000);

  it('shows the last data at once, marked as cached, when the server cannot be reached', async () => {
    const name = `offline-${Date.now()}`;
    // A URL of its own: an earlier file's answers to /api/overview, sent with max-age, may still be
    // in Firefox's HTTP cache, and an old copy would rightly be shown as cached, not live.
    const first = bundle.createSource(name, { src: `${REFERENCE_URL}/api/overview?visit=${name}`, persist: true });
    const off = first.$state.subscribe(() => {});
    await waitUntil(() => first.state.origin === 'live', 'never loaded', { timeout: 10_000 });
    off();
    first.dispose(); // writes what is pending
    await waitUntil(async () => !!(await get(['', name], createStore('live-widgets', 'sources'))), 'the data was never saved');
    // The next visit, with the server gone.
    const page = await fixture(html`<div>
      <live-source name=${name} src="http://127.0.0.1:9/api/overview" persist></live-source>
      <live-value source=${name} path="visitors"></live-value>
      <live-source-badge source=${name}></live-source-badge>
    </div>`);
    const badge = page.querySelector('live-source-badge')!;
    const value = page.querySelector('live-value')!;
    // Both facts at once: the data is the cached copy, and the server cannot be reached.
    await waitUntil(() => badge.getAttribute('origin') === 'cache' && badge.getAttribute('state') === 'offline', 'the cached data was not shown');
    expect(badge.shadowRoot!.querySelector('[part=label]')!.textContent).to.equal('Cached · Offline');
    expect(value.shadowRoot!.textContent!.trim()).to.equal(new Intl.NumberFormat('en').format((first.state.data as { visitors: number }).visitors));
    await bundle.clearCache();
  });
});
