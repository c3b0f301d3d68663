import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import sinon from 'sinon';
import '../../src/components/live-source-badge.js';
import type { LiveSourceBadge } from '../../src/components/live-source-badge.js';
import { createSource } from '../../src/data/source.js';
import { disposeAll, gatedEndpoint, startNetwork, until, url } from '../helpers.js';

const worker = await startNetwork();
afterEach(() => {
  disposeAll();
  worker.resetHandlers();
  sinon.restore();
});

const label = (el: LiveSourceBadge) => el.shadowRoot!.querySelector('[part=label]')!.textContent;

async function badgeFor(respond: () => Response, options: { fallback?: unknown } = {}) {
  const path = url('badge');
  worker.use(http.get(path, respond));
  const source = createSource('m', { src: path, retry: { attempts: 0 }, ...options });
  const el = await fixture<LiveSourceBadge>(html`<live-source-badge source="m"></live-source-badge>`);
  return { source, el };
}

describe('<live-source-badge>', () => {
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
    expect(badge.getAttribute('role')).to.equal('status');
    expect(badge.getAttribute('title')).to.equal('Live data from the server.');
    expect(badge.textContent).to.contain('Live data from the server.');
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
    expect(label(b.el)).to.equal('Error');
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
});
