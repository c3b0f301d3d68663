// Server-Sent Events from the real reference server to the built bundle: no mocks.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';

declare const REFERENCE_URL: string;
type Bundle = typeof import('../../src/index.js');

const bundle: Bundle = await import(/* @vite-ignore */ `${REFERENCE_URL}/dist/live-widgets.js`);
const STREAM = `${REFERENCE_URL}/api/stream`;

const control = (action: string, body?: unknown) =>
  fetch(`${REFERENCE_URL}/api/_control/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  }).then((r) => r.json());

afterEach(() => {
  for (const source of [...bundle.$sources.get().values()]) source.dispose();
});

describe('streaming from the reference server', () => {
  it('puts a pushed event on screen', async () => {
    const page = await fixture(html`<div>
      <live-source name="ticker" stream=${STREAM}></live-source>
      <live-value source="ticker" path="n"></live-value>
      <live-source-badge source="ticker"></live-source-badge>
    </div>`);
    const source = bundle.getSource('ticker')!;
    await waitUntil(() => source.state.connection === 'streaming', 'the stream never opened');
    const value = page.querySelector('live-value')!;
    await control('publish', { event: 'ticker', data: { n: 4242 } });
    await waitUntil(() => value.shadowRoot!.textContent!.trim() === '4,242', 'the pushed value never showed');
    const badge = page.querySelector('live-source-badge')!;
    await waitUntil(() => badge.getAttribute('state') === 'live');
  });

  it('resumes a stream cut mid-way with no lost and no duplicated event', async () => {
    const source = bundle.createSource<{ n: number }>('seq', { stream: STREAM });
    const seen: number[] = [];
    source.$state.listen((s) => {
      if (s.data && seen[seen.length - 1] !== s.data.n) seen.push(s.data.n);
    });
    await waitUntil(() => source.state.connection === 'streaming', 'the stream never opened');
    for (let n = 1; n <= 5; n++) await control('publish', { event: 'seq', data: { n } });
    await waitUntil(() => seen.length === 5, 'the first five never arrived');
    const { dropped } = await control('drop-streams');
    expect(dropped).to.be.at.least(1);
    await waitUntil(() => source.state.connection !== 'streaming');
    for (let n = 6; n <= 10; n++) await control('publish', { event: 'seq', data: { n } });
    await waitUntil(() => seen.length >= 10, 'the missed events were not replayed', { timeout: 5000 });
    expect(seen).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const stats = Object.values(bundle.$streams.get()).find((s) => s && s.reconnects >= 1);
    expect(stats).to.exist;
  });
});
