import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import sinon from 'sinon';
import '../../src/components/live-last-updated.js';
import type { LiveLastUpdated } from '../../src/components/live-last-updated.js';
import { createSource } from '../../src/data/source.js';
import { disposeAll, startNetwork, until, url } from '../helpers.js';

const worker = await startNetwork();
let clock: sinon.SinonFakeTimers;

/** Fakes the clock for the rest of a test; axe needs the real one, so checks come before. */
const fakeClock = () => (clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] }));

afterEach(() => {
  disposeAll();
  worker.resetHandlers();
  sinon.restore();
});

async function loaded(options: { ttl?: string; name?: string } = {}) {
  const path = url('lu');
  worker.use(http.get(path, () => HttpResponse.json({ n: 1 })));
  const source = createSource(options.name ?? 'default', { src: path, ttl: options.ttl ?? '1h' });
  source.$state.subscribe(() => {});
  await until(source.$state, (s) => s.origin === 'live');
  return source;
}

const time = (el: Element) => el.shadowRoot!.querySelector('time');
const shown = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();

describe('<live-last-updated>', () => {
  it('says it was never updated before the first confirmation', async () => {
    const el = await fixture<LiveLastUpdated>(html`<live-last-updated></live-last-updated>`);
    expect(shown(el)).to.equal('Not updated yet');
    expect(el.stale).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('is accessible when stale', async () => {
    const source = await loaded({ ttl: '10ms' });
    const el = await fixture<LiveLastUpdated>(html`<live-last-updated></live-last-updated>`);
    await until(source.$state, (s) => s.stale);
    await el.updateComplete;
    expect(el.stale).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('ticks in seconds, minutes and hours inside a <time> with the absolute time', async () => {
    fakeClock();
    const source = await loaded({ ttl: '1d' });
    const el = await fixture<LiveLastUpdated>(html`<live-last-updated></live-last-updated>`);
    const at = source.state.updatedAt!;
    expect(time(el)!.textContent).to.equal('Updated now');
    expect(time(el)!.dateTime).to.equal(new Date(at).toISOString());
    expect(time(el)!.title).to.match(/\d{4}/);
    await clock.tickAsync(at + 12_000 - Date.now());
    expect(time(el)!.textContent).to.equal('Updated 12 seconds ago');
    await clock.tickAsync(60_000 - 12_000);
    expect(time(el)!.textContent).to.equal('Updated 1 minute ago');
    await clock.tickAsync(2 * 3_600_000);
    expect(time(el)!.textContent).to.equal('Updated 2 hours ago');
  });

  it('speaks the language of the closest [lang]', async () => {
    fakeClock();
    const source = await loaded();
    const wrap = await fixture(html`<section lang="de"><live-last-updated></live-last-updated></section>`);
    const el = wrap.querySelector('live-last-updated')!;
    await clock.tickAsync(source.state.updatedAt! + 5000 - Date.now());
    expect(time(el)!.textContent).to.equal('Updated vor 5 Sekunden');
  });

  it('reflects stale when the data outlives the ttl, with a word and not colour alone', async () => {
    fakeClock();
    const source = await loaded({ ttl: '30s' });
    const el = await fixture<LiveLastUpdated>(html`<live-last-updated></live-last-updated>`);
    await clock.tickAsync(source.state.updatedAt! + 29_999 - Date.now());
    expect(el.hasAttribute('stale')).to.equal(false);
    await clock.tickAsync(1);
    await el.updateComplete;
    expect(el.hasAttribute('stale')).to.equal(true);
    expect(shown(el)).to.contain('stale');
    await source.refresh();
    await el.updateComplete;
    expect(el.hasAttribute('stale')).to.equal(false);
  });

  it('turns stale with its source, not on an idea of its own, and tells a screen reader once', async () => {
    fakeClock();
    const source = await loaded({ ttl: '30s' });
    const el = await fixture<LiveLastUpdated>(html`<live-last-updated></live-last-updated>`);
    const announce = () => el.shadowRoot!.querySelector('[part=announce]')!;
    expect(announce().getAttribute('role')).to.equal('status');
    expect(announce().textContent).to.equal('');
    await clock.tickAsync(source.state.updatedAt! + 30_000 - Date.now());
    await el.updateComplete;
    expect([source.state.stale, el.stale]).to.deep.equal([true, true]);
    const said = announce().textContent;
    expect(said).to.match(/^The data is out of date: last confirmed at /);
    // The visible age goes on ticking; what the live region holds does not change.
    await clock.tickAsync(120_000);
    await el.updateComplete;
    expect(time(el)!.textContent).to.equal('Updated 2 minutes ago');
    expect(announce().textContent).to.equal(said);
  });

  it('serves every instance with one timer, and writes only when the text changes', async () => {
    fakeClock();
    const source = await loaded({ ttl: '1d' });
    const wrap = await fixture(html`<div>${Array.from({ length: 50 }, () => html`<live-last-updated></live-last-updated>`)}</div>`);
    const els = [...wrap.querySelectorAll('live-last-updated')];
    await Promise.all(els.map((e) => e.updateComplete));
    expect(clock.countTimers()).to.equal(1);
    const writes: MutationRecord[] = [];
    const observer = new MutationObserver((m) => writes.push(...m));
    for (const el of els) observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
    // From 1 min on the text changes once a minute: 59 s more change nothing.
    await clock.tickAsync(source.state.updatedAt! + 61_000 - Date.now());
    observer.takeRecords();
    writes.length = 0;
    await clock.tickAsync(58_000);
    await Promise.resolve();
    expect(observer.takeRecords().length + writes.length).to.equal(0);
    await clock.tickAsync(1000);
    await Promise.resolve();
    expect(observer.takeRecords().length + writes.length).to.equal(50);
    observer.disconnect();
  });

  it('stops ticking when removed', async () => {
    fakeClock();
    await loaded();
    const el = await fixture<LiveLastUpdated>(html`<live-last-updated></live-last-updated>`);
    const source = el['bound'].source!;
    expect(clock.countTimers()).to.equal(1);
    el.remove();
    source.dispose();
    expect(clock.countTimers()).to.equal(0);
  });
});

describe('<live-last-updated freshness>', () => {
  it('says how fresh the data is and when it turns stale, never fresher than it is', async () => {
    fakeClock();
    const source = await loaded({ ttl: '10m' });
    const el = await fixture<LiveLastUpdated>(html`<live-last-updated freshness></live-last-updated>`);
    const at = source.state.updatedAt!;
    const part = () => el.shadowRoot!.querySelector('[part=freshness]')?.textContent;
    expect(part()).to.equal('100% fresh, stale in 10 minutes');
    // 2 min 10 s on: 7 min 50 s left is 78%, said as 75% (whole 5% steps, rounded down) and "in 8 minutes".
    await clock.tickAsync(at + 130_000 - Date.now());
    expect(part()).to.equal('75% fresh, stale in 8 minutes');
    await clock.tickAsync(at + 9 * 60_000 + 30_000 - Date.now());
    expect(part()).to.equal('5% fresh, stale in 30 seconds');
    await clock.tickAsync(30_000);
    expect(part()).to.equal(undefined);
    expect(el.shadowRoot!.querySelector('[part=stale]')!.textContent).to.equal('stale');
  });

  it('speaks the page’s language', async () => {
    fakeClock();
    await loaded({ ttl: '1h' });
    const page = await fixture(html`<div lang="de"><live-last-updated freshness></live-last-updated></div>`);
    const el = page.querySelector('live-last-updated')!;
    el.strings = { freshness: '{percent} frisch, veraltet {time}' };
    await el.updateComplete;
    // German puts a (narrow no-break) space before the percent sign.
    expect(el.shadowRoot!.querySelector('[part=freshness]')!.textContent!.replace(/\s/g, ' ')).to.equal('100 % frisch, veraltet in 60 Minuten');
  });
});
