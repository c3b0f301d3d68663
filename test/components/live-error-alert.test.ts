import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../src/components/live-error-alert.js';
import '../../src/components/live-sync-status.js';
import type { LiveErrorAlert } from '../../src/components/live-error-alert.js';
import { createSource } from '../../src/data/source.js';
import { Recorder, testNetwork, until, url } from '../helpers.js';

const worker = await testNetwork();

const XSS = '<img src=x onerror="window.__xss = 1">Quota exceeded';

/** A source that fails with `respond` until `heal()` is called. */
function failing(name: string, respond: () => Response, query = '', label?: string) {
  const path = url('alert');
  const rec = new Recorder();
  let healed = false;
  worker.use(
    http.get(path, ({ request }) => {
      rec.add(request);
      return healed ? HttpResponse.json({ ok: true }) : respond();
    }),
  );
  const source = createSource(name, { src: path + query, retry: { attempts: 0 }, ...(label ? { label } : {}) });
  return { source, rec, path, heal: () => (healed = true) };
}

const alerts = (el: LiveErrorAlert) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part=alert]')];

describe('<live-error-alert>', () => {
  it('names each control after the source it acts on, by the name people know it by', async () => {
    const orders = failing('orders', () => HttpResponse.error(), '', 'Orders');
    // An element's own source (named sync:<url>) is called by the viewer's word for it.
    const stock = failing('sync:/api/stock', () => HttpResponse.error());
    const el = await fixture<LiveErrorAlert>(html`<live-error-alert></live-error-alert>`);
    await until(orders.source.$state, (s) => s.status === 'error');
    await until(stock.source.$state, (s) => s.status === 'error');
    await el.updateComplete;
    const names = [...el.shadowRoot!.querySelectorAll('button, summary')].map((c) => c.getAttribute('aria-label'));
    expect(new Set(names).size).to.equal(names.length);
    expect(names).to.include.members(['Retry Orders', 'Dismiss the error of Orders', 'Details of the error of Orders', 'Retry Sync status']);
    // The visible word stays the start of the name (WCAG 2.5.3), and no internal key is shown.
    expect(el.shadowRoot!.textContent).to.contain('Sync status: ').and.not.contain('sync:/api/stock');
    el.strings = { 'sync.label': 'Synchronisierung', retry: 'Erneut versuchen', retryNamed: 'Erneut versuchen: {source}' };
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=retry]')!.getAttribute('aria-label')).to.match(/^Erneut versuchen: (Orders|Synchronisierung)$/);
    await expect(el).to.be.accessible();
  });

  it('is closed while nothing failed', async () => {
    createSource('m', {});
    const el = await fixture<LiveErrorAlert>(html`<live-error-alert source="m"></live-error-alert>`);
    expect(el.open).to.equal(false);
    expect(alerts(el)).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('explains the failure, with details behind a disclosure, in an alert', async () => {
    const { source, path } = failing('m', () => HttpResponse.json({ message: XSS }, { status: 500 }), '?token=s3cret&x=1');
    const el = await fixture<LiveErrorAlert>(html`<live-error-alert source="m"></live-error-alert>`);
    await until(source.$state, (s) => s.status === 'error');
    await el.updateComplete;
    expect(el.open).to.equal(true);
    expect(el.shadowRoot!.querySelector('[role=alert]')!.contains(alerts(el)[0])).to.equal(true);
    expect(el.shadowRoot!.querySelector('[part=message]')!.textContent).to.equal('The server answered with an error (HTTP 500).');
    const details = el.shadowRoot!.querySelector('details')!;
    expect(details.open).to.equal(false);
    const facts = Object.fromEntries([...details.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling!.textContent]));
    expect(facts).to.include({ Status: '500', Attempts: '1', Address: new URL(path, location.href).href, 'Server says': XSS });
    expect(facts.Time).to.match(/\d{4}/);
    expect(details.textContent).not.to.contain('s3cret');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as { __xss?: number }).__xss).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('retries from its Retry button and closes by itself when the source recovers', async () => {
    const { source, rec, heal } = failing('m', () => HttpResponse.error());
    const el = await fixture<LiveErrorAlert>(html`<live-error-alert source="m"></live-error-alert>`);
    await until(source.$state, (s) => s.status === 'error');
    await el.updateComplete;
    heal();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=retry]')!.click();
    await rec.count(2);
    expect(new URL(rec.last.url).searchParams.has('_t')).to.equal(true);
    await until(source.$state, (s) => s.status === 'idle');
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect(alerts(el)).to.have.length(0);
  });

  it('stays dismissed while the same failure repeats, and opens for a new kind of failure', async () => {
    let code = 500;
    const { source } = failing('m', () => new HttpResponse('', { status: code }));
    const el = await fixture<LiveErrorAlert>(html`<live-error-alert source="m"></live-error-alert>`);
    await until(source.$state, (s) => s.status === 'error');
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=dismiss]')!.click();
    await el.updateComplete;
    expect(el.open).to.equal(false);
    await source.revalidate();
    await el.updateComplete;
    expect(el.open).to.equal(false);
    code = 404;
    await source.revalidate();
    await el.updateComplete;
    expect(el.open).to.equal(true);
    expect(el.shadowRoot!.querySelector('[part=message]')!.textContent).to.contain('HTTP 404');
  });

  it('shows every source’s errors, each named, without a source attribute', async () => {
    const a = failing('orders', () => HttpResponse.error());
    const b = failing('stock', () => new HttpResponse('', { status: 503 }));
    const el = await fixture<LiveErrorAlert>(html`<live-error-alert></live-error-alert>`);
    // In the order they first failed.
    a.source.$state.subscribe(() => {});
    await until(a.source.$state, (s) => s.status === 'error');
    b.source.$state.subscribe(() => {});
    await until(b.source.$state, (s) => s.status === 'error');
    await waitUntil(() => alerts(el).length === 2);
    const messages = alerts(el).map((a) => a.querySelector('[part=message]')!.textContent);
    expect(messages).to.deep.equal(['orders: Could not reach the server. Check the connection.', 'stock: The server is busy.']);
  });

  it('takes translated sentences for each kind of error', async () => {
    const { source } = failing('m', () => new HttpResponse('', { status: 502 }));
    const el = await fixture<LiveErrorAlert>(html`<live-error-alert source="m" lang="fr"></live-error-alert>`);
    el.strings = { 'error.http': 'Le serveur a répondu par une erreur (HTTP {status}).', retry: 'Réessayer' };
    await until(source.$state, (s) => s.status === 'error');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=message]')!.textContent).to.equal('Le serveur a répondu par une erreur (HTTP 502).');
    expect(el.shadowRoot!.querySelector('[part=retry]')!.textContent!.trim()).to.equal('Réessayer');
  });
});
