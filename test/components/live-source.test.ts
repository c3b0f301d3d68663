import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import sinon from 'sinon';
import '../../src/components/live-source.js';
import type { LiveSource } from '../../src/components/live-source.js';
import { getSource } from '../../src/stores/sources.js';
import { disposeAll, endStreams, Recorder, sseEndpoint, startNetwork, until, url } from '../helpers.js';

const worker = await startNetwork();

afterEach(async () => {
  disposeAll();
  worker.resetHandlers();
  sinon.restore();
  await endStreams();
});

function serve(body: Record<string, unknown> | (() => Response)) {
  const path = url('src');
  const rec = new Recorder();
  worker.use(
    http.get(path, ({ request }) => {
      rec.add(request);
      return typeof body === 'function' ? body() : HttpResponse.json(body);
    }),
  );
  return { path, rec };
}

describe('<live-source>', () => {
  it('declares a named source from its attributes and loads it', async () => {
    const { path } = serve({ visitors: 7 });
    const el = await fixture<LiveSource>(html`<live-source name="metrics" src=${path} poll="30s" ttl="2m" timeout="5s"></live-source>`);
    expect(el.source).to.equal(getSource('metrics'));
    expect(el.source!.options).to.include({ poll: 30_000, ttl: 120_000, timeout: 5000 });
    const event = await oneEvent(el, 'live-update');
    expect(event.detail).to.deep.include({ name: 'metrics', data: { visitors: 7 }, origin: 'live' });
    expect(event.bubbles && event.composed).to.equal(true);
    expect(el.state!.data).to.deep.equal({ visitors: 7 });
    expect(getComputedStyle(el).display).to.equal('none');
    await expect(el).to.be.accessible();
  });

  it('is named `default` without a name', async () => {
    const el = await fixture<LiveSource>(html`<live-source></live-source>`);
    expect(el.source).to.equal(getSource('default'));
  });

  it('refresh() forces a cache-busting request', async () => {
    const { path, rec } = serve({ n: 1 });
    const el = await fixture<LiveSource>(html`<live-source src=${path}></live-source>`);
    await until(el.source!.$state, (s) => s.status === 'idle' && s.origin === 'live');
    const state = await el.refresh();
    expect(new URL(rec.last.url).searchParams.has('_t')).to.equal(true);
    expect(state!.origin).to.equal('live');
  });

  it('fires live-error when a fetch fails for good', async () => {
    const { path } = serve(() => new HttpResponse('', { status: 404 }));
    const el = await fixture<LiveSource>(html`<live-source name="broken" src=${path}></live-source>`);
    const event = await oneEvent(el, 'live-error');
    expect(event.detail.name).to.equal('broken');
    expect(event.detail.error).to.include({ kind: 'http', status: 404 });
  });

  it('logs one clear error for a bad attribute, keeps the default and still loads', async () => {
    const errors = sinon.stub(console, 'error');
    const { path } = serve({ ok: true });
    const el = await fixture<LiveSource>(html`<live-source name="m" src=${path} poll="banana" timeout="-1"></live-source>`);
    await until(el.source!.$state, (s) => s.origin === 'live');
    expect(el.source!.options).to.include({ poll: 0, timeout: 15_000 });
    const messages = errors.getCalls().map((c) => String(c.args[0]));
    expect(messages.filter((m) => m.includes('"poll"') && m.includes('"banana"'))).to.have.length(1);
    expect(messages.filter((m) => m.includes('"timeout"'))).to.have.length(1);
    el.setAttribute('ttl', '1m');
    await el.updateComplete;
    expect(messages.filter((m) => m.includes('"poll"'))).to.have.length(1);
    expect(el.source!.options.ttl).to.equal(60_000);
  });

  it('shows fallback JSON from its attribute, and logs bad JSON', async () => {
    const errors = sinon.stub(console, 'error');
    const a = await fixture<LiveSource>(html`<live-source name="a" fallback='{"visitors": 0}'></live-source>`);
    expect(a.state).to.deep.include({ data: { visitors: 0 }, origin: 'fallback' });
    const b = await fixture<LiveSource>(html`<live-source name="b" fallback="{oops"></live-source>`);
    expect(b.state!.data).to.equal(undefined);
    expect(String(errors.firstCall.args[0])).to.match(/"fallback" must be JSON/);
  });

  it('applies attribute changes at once and gives its name back when removed', async () => {
    const el = await fixture<LiveSource>(html`<live-source name="x" poll="1m"></live-source>`);
    el.setAttribute('poll', '10s');
    await el.updateComplete;
    expect(el.source!.options.poll).to.equal(10_000);
    el.setAttribute('name', 'y');
    await el.updateComplete;
    expect(getSource('x')).to.equal(undefined);
    expect(getSource('y')).to.equal(el.source);
    el.remove();
    expect(getSource('y')).to.equal(undefined);
  });

  it('takes headers as a property only, so tokens stay out of the DOM', async () => {
    const { path, rec } = serve({});
    const el = document.createElement('live-source');
    el.src = path;
    el.headers = () => ({ authorization: 'Bearer secret' });
    document.body.append(el);
    await until(el.source!.$state, (s) => s.origin === 'live');
    expect(rec.last.headers.get('authorization')).to.equal('Bearer secret');
    expect(el.outerHTML).not.to.contain('secret');
    el.remove();
  });

  it('keeps what a script set on it before its definition came (an autoloaded page)', async () => {
    const { path, rec } = serve({});
    // A tag of its own, defined only after the script set its properties, as the autoloader's are.
    const tag = `live-source-late-${Math.random().toString(36).slice(2)}`;
    const el = document.createElement(tag) as LiveSource;
    // `name` has a default its constructor sets: the early value must win over it.
    el.name = 'late';
    el.src = path;
    el.headers = { authorization: 'Bearer early' };
    document.body.append(el);
    customElements.define(tag, class extends (customElements.get('live-source') as typeof LiveSource) {});
    await until(el.source!.$state, (s) => s.origin === 'live');
    expect(rec.last.headers.get('authorization')).to.equal('Bearer early');
    expect(el.source!.name).to.equal('late');
    expect(el.getAttribute('name')).to.equal('late');
    expect(Object.hasOwn(el, 'src'), 'the early value still hides the accessor').to.equal(false);
    el.remove();
  });

  it('reflects its name, and reads a boolean attribute both ways', async () => {
    const el = await fixture<LiveSource>(html`<live-source></live-source>`);
    expect(el.getAttribute('name')).to.equal('default');
    el.name = 'renamed';
    await el.updateComplete;
    expect(el.getAttribute('name')).to.equal('renamed');
    expect(getSource('renamed')).to.equal(el.source);
    el.setAttribute('persist', '');
    await el.updateComplete;
    expect(el.source!.options.persist).to.equal(true);
    el.removeAttribute('persist');
    await el.updateComplete;
    expect(el.persist).to.equal(false);
    expect(el.source!.options.persist).to.equal(false);
  });

  it('refuses a second source with a taken name with a clear error', async () => {
    const errors = sinon.stub(console, 'error');
    await fixture(html`<div><live-source name="dup"></live-source><live-source name="dup"></live-source></div>`);
    expect(String(errors.firstCall.args[0])).to.match(/"dup" already exists/);
  });

  it('takes the name of the source it replaces in one assignment of markup (a CMS or a framework re-rendering)', async () => {
    const errors = sinon.stub(console, 'error');
    const { path } = serve({ n: 1 });
    const box = await fixture<HTMLDivElement>(html`<div></div>`);
    box.innerHTML = `<live-source name="swap" src="${path}"></live-source>`;
    const old = box.firstElementChild as LiveSource;
    await until(old.source!.$state, (s) => s.origin === 'live');
    box.innerHTML = `<live-source name="swap" src="${path}" poll="1m"></live-source>`;
    const next = box.firstElementChild as LiveSource;
    await next.updateComplete;
    expect(errors.callCount, String(errors.firstCall?.args[0])).to.equal(0);
    expect(next.source, 'the new element has its source').to.equal(getSource('swap'));
    expect(next.source!.options.poll).to.equal(60_000);
    expect(old.source).to.equal(undefined);
    await until(next.source!.$state, (s) => s.origin === 'live');
  });

  it('takes stream and offline-cache attributes', async () => {
    const errors = sinon.stub(console, 'error');
    const { path } = sseEndpoint(worker);
    const el = await fixture<LiveSource>(
      html`<live-source name="s" stream=${path} event="tick" heartbeat="30s" grace="2m" persist namespace="u1" max-age="1h" transport="sse" reconnects="5"></live-source>`,
    );
    expect(el.source!.options).to.include({
      event: 'tick',
      heartbeat: 30_000,
      grace: 120_000,
      persist: true,
      namespace: 'u1',
      maxAge: 3_600_000,
      transport: 'sse',
      reconnects: 5,
    });
    expect(el.source!.options.stream).to.deep.equal([path]);
    const nodes = await fixture<LiveSource>(html`<live-source name="n" stream=" wss://a.example/s  wss://b.example/s "></live-source>`);
    expect(nodes.source!.options.stream).to.deep.equal(['wss://a.example/s', 'wss://b.example/s']);
    nodes.remove();
    // What a hand-written page may say and lit-analyzer forbids in a template: plain HTML, as a CMS page has it.
    const bad = await fixture<LiveSource>('<live-source name="t" max-age="forever" heartbeat="0" transport="pigeon" reconnects="-1"></live-source>');
    expect(bad.source!.options).to.include({ maxAge: 86_400_000, heartbeat: 45_000, persist: false, transport: 'auto', reconnects: Infinity });
    const logged = errors
      .getCalls()
      .map((c) => String(c.args[0]))
      .join('\n');
    expect(logged)
      .to.match(/"maxAge".*"forever"/)
      .and.to.match(/"heartbeat"/);
    expect(logged)
      .to.match(/"transport" must be auto, sse, websocket; got "pigeon"/)
      .and.to.match(/"reconnects".*-1/);
  });

  it('takes the data’s own timestamp and a cache marker, and logs a marker it cannot read', async () => {
    const errors = sinon.stub(console, 'error');
    const el = await fixture<LiveSource>(html`<live-source name="s" timestamp="meta.generatedAt" cache-marker="X-Cache: HIT"></live-source>`);
    expect(el.source!.options.timestamp).to.equal('meta.generatedAt');
    expect(el.source!.options.cacheMarker).to.deep.equal({ header: 'x-cache', token: 'hit' });
    const bad = await fixture<LiveSource>(html`<live-source name="t" cache-marker="just words"></live-source>`);
    expect(bad.source!.options.cacheMarker).to.equal(undefined);
    expect(String(errors.lastCall.args[0])).to.match(/"cacheMarker".*"just words"/);
  });
});
