// What the widgets say must be true. One test per untruth found in issue 13, each as a user would
// see it: the badge's words, the alert, the last-updated time, the sync list.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createStore, set } from 'idb-keyval';
import { http, HttpResponse } from 'msw';
import sinon from 'sinon';
import '../../src/index.js';
import type { LiveErrorAlert, LiveSourceBadge, LiveSyncStatus } from '../../src/index.js';
import { clearCache } from '../../src/data/cache.js';
import { createSource } from '../../src/data/source.js';
import { Recorder, sseEndpoint, testNetwork, until, url } from '../helpers.js';

const worker = await testNetwork();
afterEach(() => clearCache());

const text = (el: Element, part: string) => el.shadowRoot!.querySelector(`[part~=${part}]`)?.textContent?.replace(/\s+/g, ' ').trim();
const clockTime = (at: number) => new Intl.DateTimeFormat('en', { timeStyle: 'medium' }).format(at);

/** An endpoint that answers with each handler in turn (the last one for good), recording the requests. */
function answers(...replies: (() => Response)[]) {
  const path = url('truth');
  const rec = new Recorder();
  worker.use(http.get(path, ({ request }) => (rec.add(request), replies[Math.min(rec.requests.length, replies.length) - 1]())));
  return { path, rec };
}

async function scene(source: string) {
  const page = await fixture(html`<div>
    <live-value source=${source} path="n" placeholder="gone"></live-value>
    <live-source-badge source=${source}></live-source-badge>
    <live-last-updated source=${source}></live-last-updated>
    <live-error-alert source=${source}></live-error-alert>
  </div>`);
  const badge = page.querySelector<LiveSourceBadge>('live-source-badge')!;
  const alert = page.querySelector<LiveErrorAlert>('live-error-alert')!;
  const settle = () => Promise.all([...page.children].map((el) => (el as LiveSourceBadge).updateComplete));
  return { page, badge, alert, value: page.querySelector('live-value')!, updated: page.querySelector('live-last-updated')!, settle };
}

describe('what the widgets say is true', () => {
  it('a 429 with a Retry-After shorter than the cap says "server busy" and when it retries, at once', async () => {
    const busy = () => HttpResponse.json({ message: 'Slow down' }, { status: 429, headers: { 'retry-after': '5' } });
    const { path, rec } = answers(() => HttpResponse.json({ n: 1 }), busy);
    const source = createSource('s', { src: path });
    const { badge, alert, value, settle } = await scene('s');
    await until(source.$state, (s) => s.origin === 'live' && s.status === 'idle');
    void source.revalidate();
    await rec.count(2);
    const state = await until(source.$state, (s) => s.status === 'retrying');
    await settle();
    const at = state.retryAt!;
    expect(at - state.error!.at).to.be.within(5000, 5050);
    expect(badge.state).to.equal('retrying');
    expect(text(badge, 'label')).to.equal('Server busy');
    expect(text(badge, 'when')).to.equal(`retry ${clockTime(at)}`);
    expect(alert.open).to.equal(true);
    expect(text(alert, 'message')).to.equal(`Too many requests: the server asks to wait. Trying again at ${clockTime(at)}.`);
    expect(text(value, 'value')).to.equal('1');
    await expect(badge).to.be.accessible();
  });

  it('stream reconnects wait out the server’s Retry-After', async () => {
    sinon.stub(Math, 'random').returns(0.5);
    const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
    const { path, rec, fail } = sseEndpoint(worker, 'busy-stream', () => new HttpResponse(null, { status: 503, headers: { 'retry-after': '60' } }));
    const source = createSource('s', { stream: path });
    source.$state.subscribe(() => {});
    await until(source.$state, (s) => s.connection === 'streaming');
    fail();
    await until(source.$state, (s) => s.connection === 'reconnecting');
    await clock.tickAsync(1000); // the backoff after the drop (under a second)
    await rec.count(2);
    const state = await until(source.$state, (s) => s.error?.status === 503 && s.retryAt !== null);
    expect(state.retryAt! - state.error!.at).to.be.at.least(60_000);
    await clock.tickAsync(59_000);
    expect(rec.requests).to.have.length(2);
    await clock.tickAsync(2000);
    await rec.count(3);
  });

  it('a stream-only source whose stream is lost says reconnecting, not live, and never claims to poll', async () => {
    const sse = sseEndpoint(worker, 'stream', () => HttpResponse.error());
    const source = createSource('s', { stream: sse.path });
    const { badge, settle } = await scene('s');
    await until(source.$state, (s) => s.connection === 'streaming');
    sse.send('event: s\ndata: {"n": 1}\n\n');
    await until(source.$state, (s) => s.origin === 'live');
    await settle();
    expect(badge.state).to.equal('live');
    const seen: string[] = [];
    source.$state.listen((s) => seen.push(`${s.connection} ${s.status}`));
    sse.fail();
    const state = await until(source.$state, (s) => s.connection === 'reconnecting' && s.retryAt !== null);
    await settle();
    expect(badge.state).to.equal('reconnecting');
    expect(text(badge, 'label')).to.equal('Reconnecting');
    expect(text(badge, 'when')).to.equal(`retry ${clockTime(state.retryAt!)}`);
    expect(seen.some((s) => s.startsWith('polling'))).to.equal(false);
  });

  it('<live-sync-status> says when its own status cannot be refreshed, over the last list it knows', async () => {
    const jobs = { entities: [{ name: 'orders', status: 'running', progress: 0.5, lastSyncAt: new Date().toISOString() }] };
    const { path } = answers(
      () => HttpResponse.json(jobs),
      () => HttpResponse.json({ message: 'down' }, { status: 500 }),
    );
    const el = await fixture<LiveSyncStatus>(html`<live-sync-status src=${path}></live-sync-status>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part~=entity]'), 'the jobs never showed');
    expect(text(el, 'notice')).to.equal(undefined);
    const source = el['bound'].source!;
    await source.refresh();
    await el.updateComplete;
    expect(text(el, 'notice')).to.match(
      /^The sync status could not be refreshed: The server answered with an error \(HTTP 500\)\. Showing the jobs as they were/,
    );
    expect(el.shadowRoot!.querySelector('[part~=notice] [role=status]')!.textContent).to.contain('could not be refreshed');
    expect(text(el, 'entity')).to.contain('orders · Syncing');
    await expect(el).to.be.accessible();
  });

  it('a <live-source> whose src fails keeps its alert and no "Live" when its stream pushes data', async () => {
    const sse = sseEndpoint(worker);
    const missing = url('missing');
    worker.use(http.get(missing, () => HttpResponse.json({ message: 'No such thing' }, { status: 404 })));
    const page = await fixture(html`<div>
      <live-source name="s" src=${missing} stream=${sse.path}></live-source>
      <live-value source="s" path="n" placeholder="gone"></live-value>
      <live-source-badge source="s"></live-source-badge>
      <live-error-alert source="s"></live-error-alert>
    </div>`);
    const badge = page.querySelector<LiveSourceBadge>('live-source-badge')!;
    const alert = page.querySelector<LiveErrorAlert>('live-error-alert')!;
    await waitUntil(() => alert.open, 'the 404 was not shown');
    await waitUntil(() => badge.getAttribute('connection') === 'streaming');
    sse.send('event: s\ndata: {"n": 7}\n\n');
    await waitUntil(() => text(page.querySelector('live-value')!, 'value') === '7', 'the push was not shown');
    await badge.updateComplete;
    await alert.updateComplete;
    expect(alert.open).to.equal(true);
    expect(text(alert, 'message')).to.contain('HTTP 404');
    expect(badge.state).to.equal('error');
    expect(text(badge, 'label')).to.equal('Update failed');
  });

  it('after a reload while the server fails, the cached value says both: cached, and the update failed', async () => {
    await set(['', 's'], { v: 1, data: { n: 3 }, updatedAt: Date.now() - 120_000 }, createStore('live-widgets', 'sources'));
    const { path } = answers(() => HttpResponse.json({ message: 'Database down' }, { status: 500 }));
    const source = createSource('s', { src: path, persist: true, retry: { attempts: 0 } });
    const { badge, value, settle } = await scene('s');
    await until(source.$state, (s) => s.status === 'error');
    await settle();
    expect(text(value, 'value')).to.equal('3');
    expect(badge.getAttribute('origin')).to.equal('cache');
    expect(badge.state).to.equal('error');
    expect(text(badge, 'label')).to.equal('Cached · Update failed');
    await expect(badge).to.be.accessible();
  });

  it('an answer that sat ten minutes in a shared cache is shown as cached and ten minutes old, not live', async () => {
    const { path } = answers(() => HttpResponse.json({ n: 5 }, { headers: { age: '600' } }));
    const source = createSource('s', { src: path, ttl: '60s' });
    const { badge, updated, settle } = await scene('s');
    const state = await until(source.$state, (s) => s.data !== undefined && s.status === 'idle');
    await settle();
    expect(state.origin).to.equal('server-cache');
    expect(Date.now() - state.updatedAt!).to.be.within(600_000, 605_000);
    expect(state.stale).to.equal(true);
    expect(badge.state).to.equal('cache');
    expect(text(badge, 'label')).to.equal('Cached');
    expect(badge.shadowRoot!.querySelector('[part=badge]')!.getAttribute('title')).to.match(/^Data served by a cache on the way, produced 10m ago;/);
    expect(text(updated, 'time')).to.equal('Updated 10 minutes ago');
    expect(updated.hasAttribute('stale')).to.equal(true);
  });

  it('says which cache answered and how old its copy is: "Cached by Varnish, 4 minutes old", in the panel too', async () => {
    const { path } = answers(() =>
      HttpResponse.json({ n: 5 }, { headers: { age: '240', date: new Date(Date.now() - 240_000).toUTCString(), 'cache-status': 'Varnish; hit; ttl=-180' } }),
    );
    const source = createSource('s', { src: path, ttl: '60s' });
    const { badge, updated, settle } = await scene('s');
    const panel = await fixture<HTMLElement>(html`<live-diagnostics open></live-diagnostics>`);
    const state = await until(source.$state, (s) => s.data !== undefined && s.status === 'idle');
    await settle();
    expect(state).to.include({ origin: 'server-cache', servedBy: 'Varnish', stale: true });
    expect(Date.now() - state.updatedAt!).to.be.within(240_000, 245_000);
    expect(text(badge, 'label')).to.equal('Cached');
    expect(badge.shadowRoot!.querySelector('[part=badge]')!.getAttribute('title')).to.equal(
      'Cached by Varnish, 4 minutes old; the server itself has not confirmed it since.',
    );
    expect(badge.shadowRoot!.querySelector('.sr-only')!.textContent).to.contain('Cached by Varnish, 4 minutes old');
    expect(text(updated, 'time')).to.equal('Updated 4 minutes ago');
    await (panel as LiveSourceBadge).updateComplete;
    const row = panel.shadowRoot!.querySelector('td[data-label="Origin"]')!;
    expect(row.textContent!.replace(/\s+/g, ' ').trim()).to.equal('server cache (Varnish)');
    expect(row.querySelector('[translate=no]')!.textContent).to.equal('Varnish');
    await expect(badge).to.be.accessible();
    panel.remove();
  });

  it('a copy kept with no header to say so neither replaces newer data nor moves the server’s clock', async () => {
    // A copy made twenty seconds ago, with its old Date and old generatedAt and no Age, once set the
    // server's clock twenty seconds back: it was shown as live and new, and every timestamp after it
    // looked twenty seconds younger than it was.
    const answer =
      (n: number, made: number, date = Date.now()) =>
      () =>
        HttpResponse.json({ n, generatedAt: new Date(made).toISOString() }, { headers: { date: new Date(date).toUTCString() } });
    const copyMade = Date.now() - 20_000;
    const { path } = answers(answer(1, Date.now()), answer(0, copyMade, copyMade), () => answer(2, Date.now() - 3000)());
    const source = createSource<{ n: number }>('s', { src: path, timestamp: 'generatedAt', ttl: '60s' });
    const { badge, updated, settle } = await scene('s');
    await until(source.$state, (s) => s.origin === 'live' && s.status === 'idle');
    await source.revalidate();
    expect(source.state.data?.n).to.equal(1);
    expect(source.state.origin).to.equal('live');
    await source.revalidate();
    await settle();
    expect(source.state.data?.n).to.equal(2);
    expect(Date.now() - source.state.updatedAt!).to.be.within(2000, 4500);
    expect(badge.state).to.equal('live');
    expect(text(updated, 'time')).to.match(/^Updated [234] seconds ago$/);
  });

  it('a copy this page’s service worker kept, whose Date is far behind the server’s clock, is "cached by this browser" with its age', async () => {
    // msw is this page's service worker: it plays one that answers from its own cache (as a
    // stale-while-revalidate worker does), with no header to say so.
    expect(navigator.serviceWorker.controller).not.to.equal(null);
    const answer =
      (n: number, made: number, date = Date.now()) =>
      () =>
        HttpResponse.json({ n, generatedAt: new Date(made).toISOString() }, { headers: { date: new Date(date).toUTCString() } });
    const { path } = answers(answer(1, Date.now() - 30_000), () => answer(2, Date.now() - 10_000, Date.now() - 10_000)());
    const source = createSource<{ n: number }>('s', { src: path, timestamp: 'generatedAt', ttl: '60s' });
    const { badge, settle } = await scene('s');
    await until(source.$state, (s) => s.origin === 'live' && s.status === 'idle');
    await source.revalidate();
    await settle();
    expect(source.state).to.include({ origin: 'server-cache', servedBy: 'browser' });
    expect(source.state.data?.n).to.equal(2);
    expect(Date.now() - source.state.updatedAt!).to.be.within(9000, 12_000);
    expect(text(badge, 'label')).to.equal('Cached');
    expect(badge.shadowRoot!.querySelector('[part=badge]')!.getAttribute('title')).to.match(
      /^Cached by this browser, 1[01] seconds old; the server itself has not confirmed it since\.$/,
    );
  });

  it('a cache marker the host names counts as cached too', async () => {
    const { path } = answers(() => HttpResponse.json({ n: 5 }, { headers: { 'x-cache': 'HIT from edge' } }));
    const source = createSource('s', { src: path, cacheMarker: 'X-Cache: HIT' });
    source.$state.subscribe(() => {});
    expect((await until(source.$state, (s) => s.data !== undefined)).origin).to.equal('server-cache');
  });

  it('a payload timestamp counts in the server’s clock: a wrong client clock neither ages nor rejuvenates data', async () => {
    // The server's clock is an hour ahead of this browser's; its data was made 30 s before it answered.
    const serverNow = () => Date.now() + 3_600_000;
    const { path } = answers(() =>
      HttpResponse.json({ n: 1, generatedAt: new Date(serverNow() - 30_000).toISOString() }, { headers: { date: new Date(serverNow()).toUTCString() } }),
    );
    const source = createSource('s', { src: path, timestamp: 'generatedAt', ttl: '5m' });
    source.$state.subscribe(() => {});
    const state = await until(source.$state, (s) => s.data !== undefined);
    expect(state.origin).to.equal('live');
    expect(Date.now() - state.updatedAt!).to.be.within(29_000, 32_000);
  });
});

describe('Server-Sent Events as the HTML standard says', () => {
  it('Last-Event-ID names the last event dispatched, not an id whose event was cut off', async () => {
    const sse = sseEndpoint(worker);
    const source = createSource('s', { stream: sse.path });
    source.$state.subscribe(() => {});
    await until(source.$state, (s) => s.connection === 'streaming');
    sse.send('id: 1\nevent: s\ndata: {"n": 1}\n\nid: 2\nevent: s\ndata: {"n": 2}\n');
    await until(source.$state, (s) => s.data !== undefined);
    sse.end();
    await sse.rec.count(2);
    expect(sse.rec.last.headers.get('last-event-id')).to.equal('1');
    expect(source.state.data).to.deep.equal({ n: 1 });
  });

  for (const status of [205, 210, 299]) {
    it(`only a 200 opens a stream: a ${status} stops it for good, saying why`, async () => {
      const path = url('odd');
      const rec = new Recorder();
      worker.use(
        http.get(path, ({ request }) => (rec.add(request), new HttpResponse('data: x\n\n', { status, headers: { 'content-type': 'text/event-stream' } }))),
      );
      const source = createSource('s', { stream: path });
      source.$state.subscribe(() => {});
      const state = await until(source.$state, (s) => s.status === 'error');
      expect(state.error).to.include({ status });
      expect(state.connection).not.to.equal('streaming');
      await new Promise((r) => setTimeout(r, 300));
      expect(rec.requests).to.have.length(1);
      expect(source.state.data).to.equal(undefined);
    });
  }
});
