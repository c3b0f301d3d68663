import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import sinon from 'sinon';
import '../../src/components/live-value.js';
import type { LiveValue } from '../../src/components/live-value.js';
import type { LiveThresholdDetail } from '../../src/components/events.js';
import { createSource } from '../../src/data/source.js';
import { disposeAll, gatedEndpoint, testNetwork, until, url } from '../helpers.js';

const worker = await testNetwork();

const DATA = {
  totals: { visitors: 1234567.891, conversion: 0.0342, revenue: 98765.4 },
  label: '<img src=x onerror="window.__xss = 1">',
  items: [{ name: 'first' }],
  flag: true,
};

async function loaded(data: Record<string, unknown> = DATA, name = 'default') {
  const path = url('value');
  worker.use(http.get(path, () => HttpResponse.json(data)));
  const source = createSource(name, { src: path });
  source.$state.subscribe(() => {});
  await until(source.$state, (s) => s.origin === 'live');
  return source;
}

const shown = (el: LiveValue) => el.shadowRoot!.textContent!.trim();

describe('<live-value>', () => {
  it('shows a placeholder while there is no data, then the value', async () => {
    const { path, rec, releaseOne } = gatedEndpoint(worker);
    const source = createSource('default', { src: path });
    const el = await fixture<LiveValue>(html`<live-value path="n"></live-value>`);
    await rec.count(1);
    expect(shown(el)).to.equal('—');
    expect(el.shadowRoot!.querySelector('[part=placeholder]')).to.exist;
    releaseOne();
    await until(source.$state, (s) => s.origin === 'live');
    await el.updateComplete;
    expect(shown(el)).to.equal('1');
    await expect(el).to.be.accessible();
  });

  it('formats number, percent, compact and currency in the language of the closest [lang]', async () => {
    await loaded();
    const wrap = await fixture(html`<div lang="de-DE">
      <live-value path="totals.visitors" format="number"></live-value>
      <live-value path="totals.conversion" format="percent"></live-value>
      <live-value path="totals.visitors" format="compact"></live-value>
      <live-value path="totals.revenue" format="currency" currency="EUR"></live-value>
    </div>`);
    const els = [...wrap.querySelectorAll('live-value')];
    await Promise.all(els.map((e) => e.updateComplete));
    expect(els.map(shown)).to.deep.equal(['1.234.567,891', '3,4\u00a0%', '1,2\u00a0Mio.', '98.765,40\u00a0€']);
  });

  it('shows text, booleans, array items and the whole data without a path', async () => {
    await loaded({ ...DATA });
    const a = await fixture<LiveValue>(html`<live-value path="items.0.name"></live-value>`);
    const b = await fixture<LiveValue>(html`<live-value path="flag"></live-value>`);
    expect(shown(a)).to.equal('first');
    expect(shown(b)).to.equal('true');
  });

  it('renders server text as text, never as markup', async () => {
    await loaded();
    const el = await fixture<LiveValue>(html`<live-value path="label"></live-value>`);
    expect(shown(el)).to.equal(DATA.label);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as { __xss?: number }).__xss).to.equal(undefined);
  });

  it('reaches nothing through __proto__, constructor or a missing path', async () => {
    await loaded();
    for (const path of ['__proto__', '__proto__.toString', 'constructor', 'constructor.name', 'totals.nope', 'totals.visitors.x']) {
      const el = await fixture<LiveValue>(html`<live-value path=${path} placeholder="n/a"></live-value>`);
      expect(shown(el), path).to.equal('n/a');
    }
  });

  it('logs a bad format or currency once and still shows the number', async () => {
    const errors = sinon.stub(console, 'error');
    await loaded();
    const a = await fixture<LiveValue>(html`<live-value path="totals.revenue" format="money"></live-value>`);
    const b = await fixture<LiveValue>(html`<live-value path="totals.revenue" format="currency" currency="EURO"></live-value>`);
    expect(shown(a)).to.equal('98,765.4');
    expect(shown(b)).to.equal('98,765.4');
    a.requestUpdate();
    await a.updateComplete;
    expect(errors.callCount).to.equal(2);
    expect(String(errors.firstCall.args[0])).to.match(/"format" must be one of.*"money"/);
  });

  it('binds to the named source and follows a source declared after it', async () => {
    const el = await fixture<LiveValue>(html`<live-value source="late" path="totals.visitors" format="compact"></live-value>`);
    expect(shown(el)).to.equal('—');
    await loaded(DATA, 'late');
    await el.updateComplete;
    expect(shown(el)).to.equal('1.2M');
  });

  it('writes to the DOM only when its text changes', async () => {
    const source = await loaded();
    const el = await fixture<LiveValue>(html`<live-value path="totals.visitors"></live-value>`);
    const writes: MutationRecord[] = [];
    const observer = new MutationObserver((m) => writes.push(...m));
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
    await source.refresh();
    await el.updateComplete;
    await Promise.resolve();
    observer.disconnect();
    expect(writes).to.have.length(0);
  });
});

describe('<live-value> rebinding', () => {
  afterEach(disposeAll);
  it('follows a change of its source attribute', async () => {
    await loaded({ v: 'a' }, 'a');
    await loaded({ v: 'b' }, 'b');
    const el = await fixture<LiveValue>(html`<live-value source="a" path="v"></live-value>`);
    expect(shown(el)).to.equal('a');
    el.source = 'b';
    await el.updateComplete;
    await el.updateComplete;
    expect(shown(el)).to.equal('b');
  });
});

describe('<live-value> under a broken lang', () => {
  afterEach(disposeAll);
  it('falls back to the browser’s language for an invalid lang attribute', async () => {
    await loaded({ v: 1234.5 });
    const wrap = await fixture(html`<div lang="not a language!"><live-value path="v"></live-value></div>`);
    const el = wrap.querySelector('live-value')!;
    await el.updateComplete;
    expect(shown(el)).to.equal(new Intl.NumberFormat(navigator.language).format(1234.5));
  });
});

describe('<live-value change>, above and below', () => {
  afterEach(disposeAll);
  const part = (el: LiveValue, name: string) => el.shadowRoot!.querySelector(`[part~=${name}]`);
  /** Pushes the data, and waits until the value shows it and its part (loaded on first use) has followed. */
  const pushed = async (el: LiveValue, source: { push(d: unknown): void }, data: { n: number }, text = String(data.n)) => {
    source.push(data);
    await waitUntil(() => el.shadowRoot!.querySelector('[part~=value]')?.textContent === text, `the value shows ${text}`);
    await new Promise((resolve) => setTimeout(resolve));
  };

  it('shows the change since the last value: an arrow for the eye, the word for a screen reader', async () => {
    const source = createSource<{ n: number }>('default');
    source.push({ n: 100 });
    const el = await fixture<LiveValue>(html`<live-value path="n" change></live-value>`);
    await waitUntil(() => part(el, 'change'), 'its part came');
    expect(part(el, 'change')!.textContent).to.equal('');
    await pushed(el, source, { n: 112 });
    const change = part(el, 'change')!;
    await waitUntil(() => change.textContent, 'the change is shown');
    expect(change.querySelector('[aria-hidden=true]')!.textContent).to.equal('▲ 12');
    expect(change.querySelector('.sr-only')!.textContent!.trim()).to.equal('up 12');
    await pushed(el, source, { n: 109.5 });
    await waitUntil(() => change.textContent!.includes('▼'), 'the change went down');
    expect(change.textContent).to.contain('▼ 2.5').and.contain('down 2.5');
    // A value that does not change keeps the last change.
    source.push({ n: 109.5 });
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(change.textContent).to.contain('down 2.5');
    await expect(el).to.be.accessible();
  });

  it('says the change in the page’s words and formats', async () => {
    const source = createSource<{ n: number }>('default');
    source.push({ n: 0.5 });
    const wrap = await fixture(html`<div lang="de"><live-value path="n" format="percent" change></live-value></div>`);
    const el = wrap.querySelector('live-value')!;
    el.strings = { 'value.up': 'gestiegen um {change}' };
    await waitUntil(() => part(el, 'change'), 'its part came');
    await pushed(el, source, { n: 0.625 }, '62,5\u00a0%');
    await waitUntil(() => part(el, 'change')!.textContent, 'the change is shown');
    expect(part(el, 'change')!.textContent).to.contain('▲ 12,5\u00a0%').and.contain('gestiegen um 12,5\u00a0%');
  });

  it('says once, politely, when the value crosses a limit, and fires live-threshold', async () => {
    const source = createSource<{ n: number }>('default');
    source.push({ n: 50 });
    const el = await fixture<LiveValue>(html`<live-value path="n" above="100" below="10"></live-value>`);
    const crossed: LiveThresholdDetail[] = [];
    el.addEventListener('live-threshold', (e) => crossed.push(e.detail));
    await waitUntil(() => part(el, 'status'), 'its part came');
    expect(crossed).to.deep.equal([]);
    const status = part(el, 'status')!;
    expect(status.getAttribute('role')).to.equal('status');
    await pushed(el, source, { n: 120 });
    await pushed(el, source, { n: 130 });
    expect(crossed).to.deep.equal([{ source: null, path: 'n', value: 120, side: 'above', limit: 100 }]);
    await waitUntil(() => status.textContent === '120, above 100.', `said: ${status.textContent}`);
    await pushed(el, source, { n: 5 });
    await pushed(el, source, { n: 50 });
    expect(crossed.map((c) => c.side)).to.deep.equal(['above', 'below', 'within']);
    expect(status.textContent).to.equal('50, back within its limits.');
    // Cancelled, nothing is said.
    el.addEventListener('live-threshold', (e) => e.preventDefault());
    await pushed(el, source, { n: 500 });
    expect(crossed.at(-1)).to.deep.include({ side: 'above', value: 500 });
    expect(status.textContent).to.equal('50, back within its limits.');
  });

  it('loads nothing and adds nothing for a value without them', async () => {
    const source = createSource<{ n: number }>('default');
    source.push({ n: 1 });
    const el = await fixture<LiveValue>(html`<live-value path="n"></live-value>`);
    await pushed(el, source, { n: 2 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(el.shadowRoot!.querySelectorAll('span')).to.have.length(1);
  });
});
