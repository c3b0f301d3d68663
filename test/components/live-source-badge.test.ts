import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../src/components/live-source-badge.js';
import type { LiveSourceBadge } from '../../src/components/live-source-badge.js';
import { createSource } from '../../src/data/source.js';
import { createStore, set } from 'idb-keyval';
import { clearCache } from '../../src/data/cache.js';
import { disposeAll, gatedEndpoint, sseEndpoint, testNetwork, until, url } from '../helpers.js';

const worker = await testNetwork();

const label = (el: LiveSourceBadge) => el.shadowRoot!.querySelector('[part=label]')!.textContent;

async function badgeFor(respond: () => Response, options: { fallback?: unknown } = {}) {
  const path = url('badge');
  worker.use(http.get(path, respond));
  const source = createSource('m', { src: path, retry: { attempts: 0 }, ...options });
  const el = await fixture<LiveSourceBadge>(html`<live-source-badge source="m"></live-source-badge>`);
  return { source, el };
}

describe('<live-source-badge>', () => {
  it('sits its words on the baseline of the text beside it', async () => {
    createSource('m', { fallback: { n: 1 } });
    const p = await fixture<HTMLParagraphElement>(html`<p style="font-size: 20px">Orders <live-source-badge source="m"></live-source-badge></p>`);
    const badge = p.querySelector('live-source-badge')!;
    await badge.updateComplete;
    // A zero-height inline-block rests on the baseline of the line it is in.
    const marker = () => Object.assign(document.createElement('span'), { style: 'display:inline-block;width:0;height:0' });
    const outside = p.insertBefore(marker(), badge);
    const inside = badge.shadowRoot!.querySelector('[part=label]')!.appendChild(marker());
    // Within a pixel: WebKit rounds each font's ascent to a whole pixel, so a smaller font's baseline
    // may sit up to a pixel off (0.75 px here); words centred instead would be several pixels off.
    expect(Math.abs(inside.getBoundingClientRect().top - outside.getBoundingClientRect().top)).to.be.below(1);
  });

  it('says loading until the first answer, then live', async () => {
    const { path, rec, releaseOne: release } = gatedEndpoint(worker);
    const source = createSource('m', { src: path });
    const el = await fixture<LiveSourceBadge>(html`<live-source-badge source="m"></live-source-badge>`);
    await rec.count(1);
    expect(el.getAttribute('state')).to.equal('loading');
    expect(label(el)).to.equal('Loading');
    release();
    await until(source.$state, (s) => s.origin === 'live');
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('live');
    expect(label(el)).to.equal('Live');
    await expect(el).to.be.accessible();
  });

  it('explains itself on hover and to screen readers', async () => {
    const { source, el } = await badgeFor(() => HttpResponse.json({}));
    await until(source.$state, (s) => s.origin === 'live');
    await el.updateComplete;
    const badge = el.shadowRoot!.querySelector('[part=badge]')!;
    expect(badge.getAttribute('title')).to.equal('Live data from the server.');
    expect(badge.textContent).to.contain('Live data from the server.');
    // Only the words are a live region: the explanation (with a ticking age, for cached data) is not.
    expect(badge.querySelector('[role=status]')!.textContent).to.equal('Live');
  });

  it('shows fallback data as fallback', async () => {
    const { source, el } = await badgeFor(() => HttpResponse.error(), { fallback: { n: 0 } });
    expect(el.state).to.equal('fallback');
    await until(source.$state, (s) => s.status === 'error');
    await el.updateComplete;
    expect(el.state).to.equal('offline');
  });

  it('says offline when the server cannot be reached and error when it fails', async () => {
    const a = await badgeFor(() => HttpResponse.error());
    await until(a.source.$state, (s) => s.status === 'error');
    await a.el.updateComplete;
    expect(a.el.state).to.equal('offline');
    expect(label(a.el)).to.equal('Offline');
    await expect(a.el).to.be.accessible();
    disposeAll();
    const b = await badgeFor(() => new HttpResponse('', { status: 500 }));
    await until(b.source.$state, (s) => s.status === 'error');
    await b.el.updateComplete;
    expect(b.el.state).to.equal('error');
    expect(label(b.el)).to.equal('Update failed');
  });

  it('takes its words from configure() and from its strings property', async () => {
    const { configure, defaultStrings } = await import('../../src/components/strings.js');
    const { el, source } = await badgeFor(() => new HttpResponse(null, { status: 204 }));
    await until(source.$state, (s) => s.status !== 'loading');
    configure({ strings: { 'badge.error': 'Erreur' } });
    await el.updateComplete;
    expect(label(el)).to.equal('Erreur');
    el.strings = { 'badge.error': 'Fehler' };
    await el.updateComplete;
    expect(label(el)).to.equal('Fehler');
    configure({ strings: defaultStrings });
  });

  it('waits for a source that does not exist yet', async () => {
    const el = await fixture<LiveSourceBadge>(html`<live-source-badge source="nope"></live-source-badge>`);
    expect(el.state).to.equal('loading');
  });

  it('pulses as live while the server streams, and says so', async () => {
    const sse = sseEndpoint(worker);
    const source = createSource('m', { stream: sse.path });
    const el = await fixture<LiveSourceBadge>(html`<live-source-badge source="m"></live-source-badge>`);
    await until(source.$state, (s) => s.connection === 'streaming');
    sse.send('event: m\ndata: {"n": 1}\n\n');
    await until(source.$state, (s) => s.origin === 'live');
    await el.updateComplete;
    expect(el.state).to.equal('live');
    expect(el.getAttribute('connection')).to.equal('streaming');
    expect(getComputedStyle(el.shadowRoot!.querySelector('[part=dot]')!).animationName).to.equal('pulse');
    expect(el.shadowRoot!.querySelector('[part=badge]')!.getAttribute('title')).to.match(/pushed by the server/);
  });

  it('shows cached data as cached, with how old it is', async () => {
    await set(['', 'm'], { v: 1, data: { n: 0 }, updatedAt: Date.now() - 5 * 60_000 }, createStore('live-widgets', 'sources'));
    const { path, rec, releaseOne } = gatedEndpoint(worker);
    const source = createSource('m', { src: path, persist: true });
    const el = await fixture<LiveSourceBadge>(html`<live-source-badge source="m"></live-source-badge>`);
    await until(source.$state, (s) => s.origin === 'cache');
    await el.updateComplete;
    expect(el.state).to.equal('cache');
    expect(label(el)).to.equal('Cached');
    const fiveMinutes = new Intl.RelativeTimeFormat('en', { style: 'narrow', numeric: 'auto' }).format(-5, 'minute');
    expect(el.shadowRoot!.querySelector('[part=age]')!.textContent).to.equal(fiveMinutes);
    expect(el.shadowRoot!.querySelector('[part=badge]')!.getAttribute('title')).to.equal(
      `Data saved on this device ${fiveMinutes}; the server has not confirmed it yet.`,
    );
    await expect(el).to.be.accessible();
    await rec.count(1);
    releaseOne();
    await until(source.$state, (s) => s.origin === 'live');
    await el.updateComplete;
    expect(el.state).to.equal('live');
    expect(el.shadowRoot!.querySelector('[part=age]')).to.equal(null);
    source.dispose();
    await clearCache();
  });
});

describe('<live-source-badge> themes', () => {
  it('follows theme="dark" or "light" on any ancestor, else the page’s color-scheme', async () => {
    createSource('m', {});
    const colour = (el: Element) => getComputedStyle(el.shadowRoot!.querySelector('[part=badge]')!).color;
    // A host that says theme="dark" paints a dark background there.
    const dark = (await fixture(html`<div theme="dark" style="background: #0d1117"><live-source-badge source="m"></live-source-badge></div>`))
      .firstElementChild!;
    const light = (await fixture(html`<div theme="light"><live-source-badge source="m"></live-source-badge></div>`)).firstElementChild!;
    await Promise.all([dark, light].map((e) => (e as LiveSourceBadge).updateComplete));
    expect(getComputedStyle(dark).colorScheme).to.equal('dark');
    expect(getComputedStyle(light).colorScheme).to.equal('light');
    expect(colour(dark)).not.to.equal(colour(light));
    await expect(dark).to.be.accessible();
  });
});
