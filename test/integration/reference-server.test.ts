// Against the real reference server on loopback and the built CDN bundle: no mocks.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { waitUntil } from '../wait.js';
import { countFigures } from './reference.js';

declare const REFERENCE_URL: string;
type Bundle = typeof import('../../src/index.js');

const bundle: Bundle = await import(/* @vite-ignore */ `${REFERENCE_URL}/dist/live-widgets.js`);
// These tests read the request figures: counted from the start.
await countFigures(bundle);

afterEach(() => {
  for (const source of [...bundle.$sources.get().values()]) source.dispose();
});

describe('reference server and CDN bundle', () => {
  it('defines every element', () => {
    for (const tag of ['live-source', 'live-refresh-button', 'live-last-updated', 'live-source-badge', 'live-error-alert', 'live-value']) {
      expect(customElements.get(tag), tag).to.exist;
    }
  });

  it('shows live numbers on a page written in HTML only', async () => {
    const page = await fixture(html`<div lang="en">
      <live-source name="overview" src=${`${REFERENCE_URL}/api/overview`} poll="1s"></live-source>
      <live-value source="overview" path="visitors"></live-value>
      <live-value source="overview" path="conversion" format="percent"></live-value>
      <live-source-badge source="overview"></live-source-badge>
      <live-last-updated source="overview"></live-last-updated>
      <live-refresh-button source="overview"></live-refresh-button>
    </div>`);
    const [visitors, conversion] = [...page.querySelectorAll('live-value')];
    const badge = page.querySelector('live-source-badge')!;
    await waitUntil(() => badge.getAttribute('state') === 'live', 'the badge never said live', { timeout: 5000 });
    await waitUntil(() => /^\d{1,3}(,\d{3})+$/.test(visitors.shadowRoot!.textContent!.trim()), 'no visitor count');
    expect(conversion.shadowRoot!.textContent!.trim()).to.match(/^\d(\.\d)?%$/);
    const updated = page.querySelector('live-last-updated')!;
    expect(updated.shadowRoot!.querySelector('time')!.textContent).to.match(/^Updated/);
  });

  it('revalidates with ETags: an unchanged answer is a 304 that keeps the data', async () => {
    const source = bundle.createSource('campaigns', { src: `${REFERENCE_URL}/api/campaigns` });
    const first = await source.revalidate();
    expect(first.origin).to.equal('live');
    expect((first.data as { campaigns: unknown[] }).campaigns).to.have.length(5);
    // The data changes every 5 s: of three quick revalidations at least one lands in the same period.
    let state = first;
    for (let i = 0; i < 3 && !bundle.$diagnostics.get().campaigns!.notModified; i++) state = await source.revalidate();
    expect(bundle.$diagnostics.get().campaigns!.notModified).to.be.at.least(1);
    expect(state.updatedAt).to.be.at.least(first.updatedAt!);
    const forced = await source.refresh();
    expect(forced.status).to.equal('idle');
    expect(bundle.$diagnostics.get().campaigns!.failures).to.equal(0);
  });

  it('explains an endpoint that does not exist, with the server’s words', async () => {
    const source = bundle.createSource('missing', { src: `${REFERENCE_URL}/api/nothing-here` });
    const state = await source.revalidate();
    expect(state.error).to.include({ kind: 'http', status: 404, detail: 'No endpoint /api/nothing-here' });
  });

  it('reports the server down as a network error and keeps the data', async () => {
    const source = bundle.createSource('down', { src: `${REFERENCE_URL}/api/overview`, retry: { attempts: 0 } });
    const good = await source.revalidate();
    source.configure({ src: 'http://127.0.0.1:9/api/overview' });
    const state = await source.revalidate();
    expect(state.error).to.include({ kind: 'network' });
    expect(state.data).to.equal(good.data);
  });
});

describe('the fault switchboard (demo mode)', () => {
  const faults = (change: unknown) => fetch(`${REFERENCE_URL}/api/_control/faults`, { method: 'POST', body: JSON.stringify(change) }).then((r) => r.json());
  afterEach(() => faults({ reset: true }));

  it('answers 503 with Retry-After, and the source says so and keeps its data', async () => {
    const source = bundle.createSource('faulty', { src: `${REFERENCE_URL}/api/overview`, retry: { attempts: 0 } });
    const good = await source.revalidate();
    expect(await faults({ status: 503, retryAfter: 7 })).to.include({ status: 503, retryAfter: 7 });
    const state = await source.refresh();
    expect(state.error).to.include({ kind: 'rate-limited', status: 503, retryAfter: 7000 });
    expect(state.data).to.equal(good.data);
    const health = await fetch(`${REFERENCE_URL}/api/health`).then((r) => r.json());
    expect(health.status).to.equal('degraded');
  });

  it('serves answers as a cache that kept them would (Age), and the page shows them cached, with their age', async () => {
    await faults({ age: 600 });
    const page = await fixture(html`<div>
      <live-source name="aged" src=${`${REFERENCE_URL}/api/overview`} ttl="1m"></live-source>
      <live-source-badge source="aged"></live-source-badge>
      <live-last-updated source="aged"></live-last-updated>
    </div>`);
    const badge = page.querySelector('live-source-badge')!;
    await waitUntil(() => badge.getAttribute('origin') === 'server-cache', 'the Age was not read (is it exposed to CORS?)');
    expect(badge.getAttribute('state')).to.equal('cache');
    expect(page.querySelector('live-last-updated')!.shadowRoot!.querySelector('time')!.textContent).to.equal('Updated 10 minutes ago');
  });

  it('gives a stream a place to resume from before its first event, and replays that event to a client that comes back with it', async () => {
    // A server that has published nothing: a leader cut (or a tab closed) before the first event
    // must not lose it, so even then the first words carry an id (0), over SSE and WebSocket.
    const server = await executeServerCommand<string, object>('fresh-server', {});
    const head = async (query = '') => {
      const stop = new AbortController();
      const reader = (await fetch(`${server}/api/stream${query}`, { signal: stop.signal })).body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      while (!text.includes(': connected\n\n') || !/\n\n$/.test(text)) text += (await reader.read()).value;
      stop.abort();
      return text;
    };
    const hello = () =>
      new Promise<{ lastEventId?: string }>((resolve, reject) => {
        const ws = new WebSocket(`${server.replace(/^http/, 'ws')}/api/stream`, 'live-widgets');
        ws.onmessage = (e) => (resolve(JSON.parse(e.data)), ws.close());
        ws.onerror = () => reject(new Error('the socket failed'));
      });
    try {
      expect(await head()).to.match(/\nid: 0\n\n$/);
      expect((await hello()).lastEventId).to.equal('0');
      await fetch(`${server}/api/_control/publish`, { method: 'POST', body: JSON.stringify({ event: 'overview', data: { first: true } }) });
      expect(await head('?lastEventId=0')).to.include('id: 1\nevent: overview\ndata: {"first":true}\n\n');
      expect((await hello()).lastEventId).to.equal('1');
    } finally {
      await executeServerCommand('fresh-server', { close: server });
    }
  });

  it('sends malformed JSON, reported as a parse error', async () => {
    await faults({ malformed: true });
    const state = await bundle.createSource('garbled', { src: `${REFERENCE_URL}/api/campaigns` }).revalidate();
    expect(state.error).to.include({ kind: 'parse' });
  });
});

describe('reference server, static files', () => {
  it('serves the plain HTML example, and says what is missing under /dist', async () => {
    for (const path of ['/examples/html/', '/examples/html/index.html']) {
      const res = await fetch(`${REFERENCE_URL}${path}`);
      expect(res.status, path).to.equal(200);
      expect(await res.text()).to.contain('<title>');
    }
    const missing = await fetch(`${REFERENCE_URL}/dist/nothing.js`);
    expect(missing.status).to.equal(404);
    expect((await missing.json()).error).to.equal(
      'No file dist/nothing.js in the build (dist/ holds live-widgets.js and its parts, cdn/, esm/, esm-dev/ and types/).',
    );
  });
});
