// A server that flaps between up and down every second, for a (simulated) minute: the data on
// screen never goes, it is updated whenever the server is up, each outage is said at once (as a
// retry, never as "Live") and closed by the next success, the retries stay within their bound,
// and nothing is left running afterwards.
import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import sinon from 'sinon';
import '../../src/index.js';
import { badgeState } from '../../src/components/live-source-badge.js';
import { createSource } from '../../src/data/source.js';
import { $diagnostics } from '../../src/stores/diagnostics.js';
import { Recorder, testNetwork, until, url } from '../helpers.js';
import { meter } from './meter.js';

const worker = await testNetwork();

describe('a server flapping every second for a minute', function () {
  // A simulated minute of real requests through the service worker: WebKit, with two other
  // browsers at work, once took over the default 10 s.
  this.timeout(30_000);

  it('keeps the data on screen, updates it when up, and retries within bounds', async () => {
    const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
    sinon.stub(Math, 'random').returns(0.5);
    const m = meter();
    const start = Date.now();
    const second = () => Math.floor((Date.now() - start) / 1000);
    const path = url('flapping');
    const rec = new Recorder();
    worker.use(http.get(path, ({ request }) => (rec.add(request), second() % 2 === 0 ? HttpResponse.json({ n: second() }) : HttpResponse.error())));

    const source = createSource<{ n: number }>('flap', { src: path, poll: '1s', retry: { attempts: 3, base: '500ms', max: '5s' } });
    const page = await fixture(html`<div>
      <live-value source="flap" path="n" placeholder="gone"></live-value>
      <live-source-badge source="flap"></live-source-badge>
    </div>`);
    const value = page.querySelector('live-value')!;
    const texts: string[] = [];
    new MutationObserver(() => texts.push(value.shadowRoot!.textContent!.trim())).observe(value.shadowRoot!, {
      subtree: true,
      childList: true,
      characterData: true,
    });
    await until(source.$state, (s) => s.origin === 'live');

    const errors = new Set<string>();
    const shown = new Set<string>();
    let closed = 0;
    let failing = false;
    source.$state.listen((s) => {
      if (failing && !s.error) closed++;
      failing = !!s.error;
      if (!s.error) return;
      errors.add(s.error.kind);
      shown.add(`${s.status} ${badgeState(s)}`);
    });
    const settled = () => until($diagnostics, (d) => (d.flap?.inFlight ?? 0) === 0);
    for (let s = 0; s < 60; s++) {
      await clock.tickAsync(1000);
      await settled();
    }
    await clock.tickAsync(1000);
    await settled();

    // Requests: a poll a second at most, plus the retries of the failed ones (each waits at
    // least its backoff): never a burst.
    expect(rec.requests.length, 'requests in a minute').to.be.within(30, 120);
    const times = rec.requests.map((r) => Number(new URL(r.url).searchParams.get('_t') ?? 0));
    expect(
      times.every((t) => t === 0),
      'no forced refresh was made',
    ).to.equal(true);
    // Every outage (a second) was shorter than the retries (0.25 + 0.5 + 1 s): each failure was
    // shown at once as a retry (the server cannot be reached: offline), never as live and never
    // as given up, and the next success closed it.
    expect($diagnostics.get().flap!.failures).to.be.at.least(15);
    expect([...errors]).to.deep.equal(['network']);
    expect([...shown]).to.deep.equal(['retrying offline']);
    expect(closed, 'outages closed by a success').to.be.at.least(10);
    // The data never went, and it moved on with the server.
    expect(texts).not.to.include('gone');
    expect(texts.filter((t) => t !== '').length).to.be.at.least(10);
    expect(source.state.data!.n).to.be.at.least(50);

    source.dispose();
    page.remove();
    await clock.tickAsync(2000);
    expect(m.leftovers(), m.armed().join('\n')).to.deep.equal({ timers: 0, intervals: 0, listeners: [] });
    expect(m.complaints()).to.deep.equal([]);
    m.stop();
  });
});
