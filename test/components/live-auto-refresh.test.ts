import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import sinon from 'sinon';
import '../../src/components/live-auto-refresh.js';
import type { LiveAutoRefresh } from '../../src/components/live-auto-refresh.js';
import { createSource } from '../../src/data/source.js';
import { disposeAll, elected, pageVisibility } from '../helpers.js';

const visibility = pageVisibility();
beforeEach(() => {
  localStorage.clear();
  visibility.install();
});
afterEach(() => {
  disposeAll();
  sinon.restore();
  visibility.remove();
  localStorage.clear();
});

const toggle = (el: LiveAutoRefresh) => el.shadowRoot!.querySelector<HTMLInputElement>('[part=toggle]')!;
const select = (el: LiveAutoRefresh) => el.shadowRoot!.querySelector<HTMLSelectElement>('[part=interval]')!;
const status = (el: LiveAutoRefresh) => el.shadowRoot!.querySelector('[part=status]')!.textContent;
const options = (el: LiveAutoRefresh) => [...select(el).options].map((o) => o.textContent);

function choose(el: LiveAutoRefresh, ms: number) {
  select(el).value = String(ms);
  select(el).dispatchEvent(new Event('change'));
}

describe('<live-auto-refresh>', () => {
  it('starts from what the source does, with the default choices in the page’s language', async () => {
    createSource('m', { poll: '30s' });
    const el = await fixture<LiveAutoRefresh>(html`<live-auto-refresh source="m"></live-auto-refresh>`);
    expect(toggle(el).checked).to.equal(true);
    expect(select(el).value).to.equal('30000');
    expect(options(el)).to.deep.equal(['15 sec', '30 sec', '1 min', '5 min']);
    expect(el.state).to.equal('live');
    expect(status(el)).to.equal('Refreshing automatically');
    await expect(el).to.be.accessible();
  });

  it('changes the polling at once and remembers the choice per source', async () => {
    const source = createSource('m', {});
    const el = await fixture<LiveAutoRefresh>(html`<live-auto-refresh source="m"></live-auto-refresh>`);
    expect(toggle(el).checked).to.equal(false);
    expect(el.state).to.equal('paused');
    const fired = oneEvent(el, 'live-auto-refresh');
    choose(el, 60_000);
    expect((await fired).detail).to.deep.equal({ source: 'm', enabled: true, interval: 60_000 });
    expect(source.options.poll).to.equal(60_000);
    await el.updateComplete;
    expect(el.state).to.equal('live');
    toggle(el).click();
    expect(source.options.poll).to.equal(0);
    expect(JSON.parse(localStorage.getItem('live-widgets:auto-refresh:m')!)).to.deep.equal({ enabled: false, interval: 60_000 });

    // Next visit: the remembered choice wins over the page's default.
    disposeAll();
    el.remove();
    const again = createSource('m', { poll: '15s' });
    const el2 = await fixture<LiveAutoRefresh>(html`<live-auto-refresh source="m"></live-auto-refresh>`);
    expect(again.options.poll).to.equal(0);
    expect(toggle(el2).checked).to.equal(false);
    expect(select(el2).value).to.equal('60000');
  });

  it('says when the page is hidden', async () => {
    const source = createSource('m', { poll: '15s' });
    const el = await fixture<LiveAutoRefresh>(html`<live-auto-refresh source="m"></live-auto-refresh>`);
    await elected('m');
    visibility.set('hidden');
    await el.updateComplete;
    expect(source.state.connection).to.equal('paused');
    expect(el.state).to.equal('hidden');
    expect(status(el)).to.equal('Paused while the page is hidden');
  });

  it('takes its choices from intervals, logs a bad one and leaves it out', async () => {
    const errors = sinon.stub(console, 'error');
    createSource('m', {});
    const el = await fixture<LiveAutoRefresh>(html`<live-auto-refresh source="m" intervals="10s soon 2m 1h" lang="de"></live-auto-refresh>`);
    expect(options(el)).to.deep.equal(['10 Sek.', '2 Min.', '1 Std.']);
    expect(String(errors.firstCall.args[0])).to.match(/"intervals".*"soon"/);
  });

  it('works on, unremembered, where storage is refused', async () => {
    sinon.stub(Storage.prototype, 'setItem').throws(new DOMException('denied', 'SecurityError'));
    sinon.stub(Storage.prototype, 'getItem').throws(new DOMException('denied', 'SecurityError'));
    const source = createSource('m', {});
    const el = await fixture<LiveAutoRefresh>(html`<live-auto-refresh source="m"></live-auto-refresh>`);
    choose(el, 300_000);
    expect(source.options.poll).to.equal(300_000);
  });

  it('is disabled while its source does not exist', async () => {
    const el = await fixture<LiveAutoRefresh>(html`<live-auto-refresh source="later"></live-auto-refresh>`);
    expect(toggle(el).disabled).to.equal(true);
    createSource('later', { poll: '1m' });
    await el.updateComplete;
    expect(toggle(el).disabled).to.equal(false);
    expect(toggle(el).checked).to.equal(true);
  });
});
