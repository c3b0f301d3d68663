// A stream that misbehaves: garbage lines, a flood of events, a stream that never sends a byte.
// The page keeps working, shows the last good data, says what happened, and leaves nothing behind.
import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../src/index.js';
import { createSource } from '../../src/data/source.js';
import { $errorLog } from '../../src/stores/errors.js';
import { $streams } from '../../src/stores/streams.js';
import { pause, Recorder, sseEndpoint, testNetwork, until, url } from '../helpers.js';
import { expectNothingLeft, meter, type Meter } from './meter.js';

const worker = await testNetwork();
let m: Meter;
beforeEach(() => (m = meter()));
afterEach(() => m.stop());

const shown = (root: Element) => root.querySelector('live-value')!.shadowRoot!.textContent!.trim();
const openStreams = () => Object.values($streams.get()).filter((s) => s && s.state !== 'closed').length;

describe('a misbehaving stream', () => {
  it('garbage lines are skipped; the events around them arrive', async () => {
    const sse = sseEndpoint(worker);
    const source = createSource<{ n: number }>('g', { stream: sse.path, tabs: 'independent' });
    const page = await fixture(html`<div><live-value source="g" path="n"></live-value></div>`);
    await until(source.$state, (s) => s.connection === 'streaming');
    sse.send('event: g\ndata: {"n": 1}\n\n');
    await until(source.$state, (s) => s.data?.n === 1);
    // Lines without a field, unknown fields, bad retry values, binary junk, broken UTF-8, a
    // comment flood, JSON that does not parse, and an event with no data.
    sse.send('garbage without a colon\nfoo: bar\nretry: soon\n\n');
    sse.send(new Uint8Array([0x00, 0xff, 0xfe, 0x0a, 0xc3, 0x28, 0x0a, 0x0a]));
    sse.send(`${': comment\n'.repeat(500)}\n`);
    sse.send('event: g\ndata: {"n": 2,\n\n');
    sse.send('event: g\n\n');
    sse.send('event: g\ndata: {"n": 3}\n\n');
    await until(source.$state, (s) => s.data?.n === 3);
    expect(source.state.connection).to.equal('streaming');
    await pause(0);
    expect(shown(page)).to.equal('3');
    // The event that did not parse is said (in the error log), not thrown; the next good one
    // leaves the source without an error.
    expect($errorLog.get().map((e) => `${e.source} ${e.kind}: ${e.message}`)).to.include('g parse: The stream sent data that could not be read.');
    expect(source.state.error).to.equal(null);
    source.dispose();
    await expectNothingLeft(m, page);
    expect(openStreams(), 'streams still open').to.equal(0);
  });

  it('a thousand events a second: every one is read, the last is shown, the page goes on', async () => {
    const sse = sseEndpoint(worker);
    const source = createSource<{ n: number }>('flood', { stream: sse.path, tabs: 'independent' });
    const page = await fixture(html`<div><live-value source="flood" path="n"></live-value></div>`);
    await until(source.$state, (s) => s.connection === 'streaming');
    const renders: string[] = [];
    const value = page.querySelector('live-value')!;
    new MutationObserver(() => renders.push(shown(page))).observe(value.shadowRoot!, { subtree: true, childList: true, characterData: true });
    // 1,000 events over one second, ten every 10 ms (paced by the server: a request from the page
    // for each chunk goes through msw's worker, and takes longer than 10 ms in WebKit).
    const chunk = (n: number) => Array.from({ length: 10 }, (_, i) => `id: ${n + i}\nevent: flood\ndata: {"n": ${n + i}}\n\n`).join('');
    sse.pace(
      Array.from({ length: 100 }, (_, i) => chunk(i * 10 + 1)),
      10,
    );
    await until(source.$state, (s) => s.data?.n === 1000);
    await pause(0);
    expect(shown(page)).to.equal('1,000');
    const stats = Object.values($streams.get()).find((s) => s && s.lastEventId === '1000');
    expect(stats?.events).to.equal(1000);
    // Lit renders at most once per task: far fewer DOM writes than events.
    expect(renders.length).to.be.below(1000);
    source.dispose();
    await expectNothingLeft(m, page);
    expect(openStreams(), 'streams still open').to.equal(0);
  });

  it('a stream that never sends a byte is given up after the heartbeat; polling carries the data meanwhile', async () => {
    const path = url('silent');
    const rec = new Recorder();
    worker.use(
      http.get(path, ({ request }) => {
        rec.add(request);
        return new HttpResponse(new ReadableStream(), { headers: { 'content-type': 'text/event-stream' } });
      }),
    );
    const data = url('data');
    let n = 0;
    worker.use(http.get(data, () => HttpResponse.json({ n: ++n })));
    const source = createSource<{ n: number }>('silent', { src: data, stream: path, heartbeat: '300ms', poll: '200ms', tabs: 'independent' });
    const page = await fixture(html`<div><live-value source="silent" path="n"></live-value></div>`);
    await rec.count(2);
    // It reconnected (the silence counted as a dead stream), and polled while it was down.
    const stats = Object.values($streams.get()).find(Boolean)!;
    expect(stats.reconnects).to.be.at.least(1);
    await until(source.$state, (s) => (s.data?.n ?? 0) >= 2);
    expect(source.state.origin).to.equal('live');
    expect(m.complaints()).to.deep.equal([]);
    source.dispose();
    await expectNothingLeft(m, page);
    expect(openStreams(), 'streams still open').to.equal(0);
  });
});
