import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../src/components/live-refresh-button.js';
import type { LiveRefreshButton } from '../../src/components/live-refresh-button.js';
import { createSource } from '../../src/data/source.js';
import { gatedEndpoint, testNetwork, until, url } from '../helpers.js';

const worker = await testNetwork();

/** A source whose answers wait for `release()`. */
function gated(name: string) {
  const { path, rec, releaseAll } = gatedEndpoint(worker);
  return { source: createSource(name, { src: path }), rec, release: releaseAll };
}

const button = (el: LiveRefreshButton) => el.shadowRoot!.querySelector('button')!;

describe('<live-refresh-button>', () => {
  it('forces a cache-busting refetch, busy until it ends, and ignores clicks meanwhile', async () => {
    const { source, rec, release } = gated('m');
    const el = await fixture<LiveRefreshButton>(html`<live-refresh-button source="m"></live-refresh-button>`);
    await rec.count(1);
    release();
    await until(source.$state, (s) => s.status === 'idle');
    const fired = oneEvent(el, 'live-refresh');
    button(el).click();
    expect((await fired).detail).to.deep.equal({ sources: ['m'] });
    await el.updateComplete;
    expect(el.busy).to.equal(true);
    expect(el.hasAttribute('busy')).to.equal(true);
    expect(button(el).getAttribute('aria-busy')).to.equal('true');
    await rec.count(2);
    button(el).click();
    button(el).click();
    expect(new URL(rec.last.url).searchParams.has('_t')).to.equal(true);
    release();
    await waitUntil(() => !el.busy, 'the button stays busy');
    await el.updateComplete;
    expect(button(el).getAttribute('aria-busy')).to.equal('false');
    expect(rec.requests).to.have.length(2);
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal('Data refreshed');
  });

  it('refreshes every source without a source attribute', async () => {
    const a = gated('a');
    const b = gated('b');
    const el = await fixture<LiveRefreshButton>(html`<live-refresh-button></live-refresh-button>`);
    button(el).click();
    await a.rec.count(1);
    await b.rec.count(1);
    a.release();
    b.release();
  });

  it('lets the host cancel the refresh', async () => {
    const { rec } = gated('m');
    const el = await fixture<LiveRefreshButton>(html`<live-refresh-button source="m" @live-refresh=${(e: Event) => e.preventDefault()}></live-refresh-button>`);
    await rec.count(1);
    const before = rec.requests.length;
    button(el).click();
    await el.updateComplete;
    expect(el.busy).to.equal(false);
    expect(rec.requests).to.have.length(before);
  });

  it('is a named, keyboard-operable button, with its label or slotted text', async () => {
    createSource('m', {});
    const el = await fixture<LiveRefreshButton>(html`<live-refresh-button source="m" label="Reload numbers"></live-refresh-button>`);
    expect(button(el).textContent!.trim()).to.equal('Reload numbers');
    await expect(el).to.be.accessible();
    const slotted = await fixture<LiveRefreshButton>(html`<live-refresh-button source="m">Now!</live-refresh-button>`);
    await expect(slotted).to.be.accessible();
    button(el).focus();
    expect(el.shadowRoot!.activeElement).to.equal(button(el));
  });

  it('says when a refresh failed', async () => {
    const path = url('fail');
    worker.use(http.get(path, () => new HttpResponse('', { status: 404 })));
    createSource('m', { src: path });
    const el = await fixture<LiveRefreshButton>(html`<live-refresh-button source="m"></live-refresh-button>`);
    await el.refresh();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal('Refresh failed');
  });
});
