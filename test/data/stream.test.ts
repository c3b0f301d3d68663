import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import sinon from 'sinon';
import { createSource } from '../../src/data/source.js';
import { DEFAULT_RETRY } from '../../src/data/retry.js';
import { openStreams, subscribeStream } from '../../src/data/stream.js';
import { $streams } from '../../src/stores/streams.js';
import { disposeAll, endStreams, gatedEndpoint, pageVisibility, Recorder, sseEndpoint, startNetwork, until, url } from '../helpers.js';

const worker = await startNetwork();
let clock: sinon.SinonFakeTimers | undefined;
const visibility = pageVisibility();

const fakeClock = () => (clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] }));

beforeEach(() => visibility.install());
afterEach(async () => {
  disposeAll();
  worker.resetHandlers();
  sinon.restore();
  clock = undefined;
  visibility.remove();
  await endStreams();
});

/** A JSON endpoint that counts its requests. */
function json(body: Record<string, unknown> = { from: 'fetch' }) {
  const path = url('json');
  const rec = new Recorder();
  worker.use(http.get(path, ({ request }) => (rec.add(request), HttpResponse.json(body))));
  return { path, rec };
}

function listen<T>(source: { $state: { subscribe: (l: (v: T) => void) => () => void } }) {
  return source.$state.subscribe(() => {});
}

/** A stream endpoint, fake time, and a source 'm' on it, once it streams; `key` names it in $streams. */
async function streaming(options: { heartbeat?: string; grace?: string } = {}) {
  const sse = sseEndpoint(worker);
  fakeClock();
  const source = createSource('m', { stream: sse.path, ...options });
  listen(source);
  await until(source.$state, (s) => s.connection === 'streaming');
  const key = new URL(sse.path, location.href).href;
  // The test server opens each stream with a comment (`:`), which counts as life: read it before
  // the test's clock moves, as every engine would when a real server's first bytes come at once.
  await until($streams, (all) => (all[key]?.bytes ?? 0) >= 3);
  return { sse, source, key };
}

describe('stream messages', () => {
  it('replace the data of the source they name, live and confirmed now', async () => {
    const sse = sseEndpoint(worker);
    const source = createSource('metrics', { stream: sse.path });
    listen(source);
    await until(source.$state, (s) => s.connection === 'streaming');
    sse.send('event: metrics\ndata: {"visitors": 1}\nid: 1\n\n');
    const state = await until(source.$state, (s) => s.data !== undefined);
    expect(state).to.deep.include({ data: { visitors: 1 }, origin: 'live', connection: 'streaming', status: 'idle' });
    expect(state.updatedAt).to.be.closeTo(Date.now(), 1000);
    expect(sse.rec.last.headers.get('accept')).to.equal('text/event-stream');
  });

  it('go only to the named source; message events only to a source that asks for them', async () => {
    const sse = sseEndpoint(worker);
    const a = createSource('a', { stream: sse.path });
    const b = createSource('b', { stream: sse.path, event: 'message' });
    listen(a);
    listen(b);
    await until(a.$state, (s) => s.connection === 'streaming');
    sse.send('data: {"to": "b"}\n\nevent: other\ndata: {"to": "nobody"}\n\nevent: a\ndata: {"to": "a"}\n\n');
    await until(a.$state, (s) => s.data !== undefined);
    expect(a.state.data).to.deep.equal({ to: 'a' });
    expect(b.state.data).to.deep.equal({ to: 'b' });
  });

  it('share one connection per URL however many sources listen, closed when the last leaves', async () => {
    const sse = sseEndpoint(worker);
    const offs = ['a', 'b', 'c'].map((name) => listen(createSource(name, { stream: sse.path })));
    await sse.rec.count(1);
    await until($streams, (all) => Object.values(all).some((s) => s?.state === 'open' && s.listeners === 3));
    expect(sse.rec.requests).to.have.length(1);
    expect(openStreams()).to.equal(1);
    disposeAll();
    expect(openStreams()).to.equal(0);
    offs.forEach((off) => off());
  });

  it('invalidate refetches the sources it names, or all', async () => {
    const sse = sseEndpoint(worker);
    const one = json();
    const two = json();
    const a = createSource('a', { src: one.path, stream: sse.path });
    const b = createSource('b', { src: two.path, stream: sse.path });
    listen(a);
    listen(b);
    await one.rec.count(1);
    await two.rec.count(1);
    await until(a.$state, (s) => s.connection === 'streaming' && s.status === 'idle');
    await until(b.$state, (s) => s.status === 'idle');
    sse.send('event: invalidate\ndata: {"sources": ["a"]}\n\n');
    await one.rec.count(2);
    sse.send('event: invalidate\ndata: {"sources": "*"}\n\n');
    await one.rec.count(3);
    await two.rec.count(2);
    expect(two.rec.requests).to.have.length(2);
  });

  it('push() from JS updates the source exactly as an event does', async () => {
    const source = createSource<{ n: number }>('host', {});
    listen(source);
    source.push({ n: 5 });
    expect(source.state).to.deep.include({ data: { n: 5 }, origin: 'live', error: null });
    expect(source.state.updatedAt).to.be.closeTo(Date.now(), 100);
  });

  it('keeps a push that lands while a fetch is out: the fetch may bring older data', async () => {
    const { path, rec, releaseOne } = gatedEndpoint(worker);
    const source = createSource<{ n: number }>('race', { src: path });
    listen(source);
    await rec.count(1);
    releaseOne();
    await until(source.$state, (s) => s.data?.n === 1);
    const refreshed = source.refresh();
    await rec.count(2);
    source.push({ n: 99 });
    releaseOne();
    const after = await refreshed;
    expect(after.data).to.deep.equal({ n: 99 });
    expect(after).to.deep.include({ status: 'idle', error: null, origin: 'live' });
    // The next fetch, which starts after the push, is taken as it is.
    const next = source.refresh();
    await rec.count(3);
    releaseOne();
    expect((await next).data).to.deep.equal({ n: 3 });
  });

  it('reports an event whose data is not JSON, and keeps the data', async () => {
    const sse = sseEndpoint(worker);
    const source = createSource('m', { stream: sse.path });
    listen(source);
    await until(source.$state, (s) => s.connection === 'streaming');
    sse.send('event: m\ndata: {"ok": 1}\n\nevent: m\ndata: {broken\n\n');
    const state = await until(source.$state, (s) => s.status === 'error');
    expect(state.error).to.include({ kind: 'parse' });
    expect(state.data).to.deep.equal({ ok: 1 });
    sse.send('event: m\ndata: {"ok": 2}\n\n');
    expect((await until(source.$state, (s) => s.status === 'idle')).error).to.equal(null);
  });

  it("read the standard's CR, LF and CRLF line ends through the real stream, however the body is cut", async function () {
    // 32 ways to cut the body, each part a round trip: WebKit with two other browsers at work took over 10 s.
    this.timeout(40_000);
    // The "newlines" case of web-platform-tests (issue 25), on a real response body: in one
    // write, cut after each byte, and one byte a write.
    const sse = sseEndpoint(worker);
    const key = new URL(sse.path, location.href).href;
    const got: string[] = [];
    const options = { heartbeat: 60_000, grace: 60_000, retry: DEFAULT_RETRY, transport: 'sse' as const };
    const sub = subscribeStream([sse.path], options, {
      name: 'm',
      event: 'message',
      message: (m) => got.push(m.data),
      state: () => {},
      seen: () => {},
    });
    try {
      // The test server's opening comment (3 bytes) first.
      let sent = 3;
      await until($streams, (all) => all[key]?.state === 'open' && all[key].bytes === sent);
      const body = 'data:cr\r\rdata:lf\n\ndata:crlf\r\n\r\n';
      const cuts = [[body], ...[...body].slice(1).map((_, i) => [body.slice(0, i + 1), body.slice(i + 1)]), [...body]];
      for (const parts of cuts) {
        got.length = 0;
        for (const part of parts) {
          sse.send(part);
          sent += part.length;
          // Each part is read before the next is sent (the parser runs in the same task as the count).
          await until($streams, (all) => all[key]!.bytes >= sent);
        }
        expect(got, JSON.stringify(parts)).to.deep.equal(['cr', 'lf', 'crlf']);
      }
    } finally {
      sub.close();
    }
  });
});

describe('stream reconnection', () => {
  it('resumes with Last-Event-ID after the server ends the stream', async () => {
    const sse = sseEndpoint(worker);
    const source = createSource('m', { stream: sse.path });
    listen(source);
    await until(source.$state, (s) => s.connection === 'streaming');
    sse.send('retry: 10\nevent: m\ndata: 1\nid: 41\n\n');
    await until(source.$state, (s) => s.data === 1);
    sse.end();
    await sse.rec.count(2);
    expect(sse.rec.last.headers.get('last-event-id')).to.equal('41');
    await until(source.$state, (s) => s.connection === 'streaming');
    sse.send('event: m\ndata: 2\nid: 42\n\n');
    await until(source.$state, (s) => s.data === 2);
    expect($streams.get()[new URL(sse.path, location.href).href]).to.include({ reconnects: 1, events: 2, lastEventId: '42' });
  });

  it('reconnects after a network failure, waiting the server’s retry', async () => {
    const { sse, source } = await streaming();
    sse.send('retry: 5000\nid: 7\n: a comment\n\n');
    sse.fail();
    await until(source.$state, (s) => s.connection !== 'streaming');
    await clock!.tickAsync(4999);
    expect(sse.rec.requests).to.have.length(1);
    await clock!.tickAsync(1);
    await sse.rec.count(2);
    expect(sse.rec.last.headers.get('last-event-id')).to.equal('7');
  });

  it('after a drop waits the reconnection time, then backs off exponentially while attempts fail', async () => {
    sinon.stub(Math, 'random').returns(0.5);
    const { path, rec, fail } = sseEndpoint(worker, 'flaky-stream', () => HttpResponse.error());
    fakeClock();
    const source = createSource('m', { stream: path, retry: { base: '1s', max: '30s' } });
    listen(source);
    await until(source.$state, (s) => s.connection === 'streaming');
    // Each wait, as the state says it when the connection drops or an attempt fails.
    const waits: number[] = [];
    const next = async (n: number) => {
      const s = await until(source.$state, (s) => s.retryAt !== null && rec.requests.length === n);
      waits.push(s.retryAt! - Date.now());
      await clock!.tickAsync(s.retryAt! - Date.now());
      await rec.count(n + 1);
    };
    fail();
    for (let n = 1; n <= 4; n++) await next(n);
    // Opened, then broke: the reconnection time (no retry: given, so a jitter under retry.base);
    // then each failed attempt doubles the ceiling (0.5 × 1 s × 2ⁿ).
    expect(waits).to.deep.equal([500, 500, 1000, 2000]);
  });

  it('reconnects when nothing, not even a comment, arrived for the heartbeat time', async () => {
    sinon.stub(Math, 'random').returns(0.1); // the backoff after a failure (below 1 s) is under the server's retry
    const { sse, key } = await streaming({ heartbeat: '10s' });
    const received = (n: number) => until($streams, (all) => all[key]!.bytes >= n);
    const first = 'retry: 500\n\n';
    const comment = ': still here\n\n';
    sse.send(first);
    await received(first.length);
    await clock!.tickAsync(9000);
    sse.send(comment);
    await received(first.length + comment.length);
    await clock!.tickAsync(9999);
    expect(sse.rec.requests).to.have.length(1);
    await clock!.tickAsync(1); // silent for 10 s: dropped
    await clock!.tickAsync(500); // the server's retry
    await sse.rec.count(2);
    const stats = $streams.get()[new URL(sse.path, location.href).href]!;
    expect(stats.error).to.include({ kind: 'timeout' });
  });

  it("does not count a transport's own pings as life: a stream that only pings is silent", async () => {
    // Nchan's keep-alive is `event: ping` with no data; a subscriber stuck on a node that dropped
    // its channel gets those and nothing else. Only what the application sends proves the stream.
    const { sse, source, key } = await streaming({ heartbeat: '10s' });
    let sent = 0;
    for (let i = 0; i < 3; i++) {
      await clock!.tickAsync(3000);
      sse.send('event: ping\n\n');
      sent += 'event: ping\n\n'.length;
      await until($streams, (all) => all[key]!.bytes >= sent);
    }
    expect(source.state.connection).to.equal('streaming');
    await clock!.tickAsync(1000); // 10 s after it opened, pings all the while
    expect($streams.get()[key]!.error).to.include({ kind: 'timeout', message: 'The stream went silent.' });
    expect(source.state.connection).to.equal('reconnecting');
  });

  it('reconnects at once when the browser comes back online', async () => {
    const { sse, source } = await streaming();
    sse.send('retry: 60000\n\n');
    await until($streams, (all) => all[new URL(sse.path, location.href).href]!.bytes > 0);
    sse.fail();
    await until(source.$state, (s) => s.connection !== 'streaming');
    await clock!.tickAsync(1000);
    expect(sse.rec.requests).to.have.length(1);
    window.dispatchEvent(new Event('online'));
    await sse.rec.count(2);
  });

  for (const [name, respond, message] of [
    ['a 204', () => new HttpResponse(null, { status: 204 }), /asked the stream to stop/],
    ['a non-event-stream answer', () => HttpResponse.json({ not: 'a stream' }), /application\/json.*not text\/event-stream/],
    ['a 404', () => new HttpResponse('', { status: 404 }), /HTTP 404/],
  ] as const) {
    it(`stops reconnecting after ${name}, says why, and polls instead`, async () => {
      const path = url('stop');
      const rec = new Recorder();
      worker.use(http.get(path, ({ request }) => (rec.add(request), respond())));
      const data = json();
      fakeClock();
      const source = createSource('m', { src: data.path, stream: path, poll: '5s' });
      listen(source);
      await until($streams, (all) => all[new URL(path, location.href).href]?.state === 'failed');
      expect($streams.get()[new URL(path, location.href).href]!.error!.message).to.match(message);
      await until(source.$state, (s) => s.connection === 'polling' && s.status === 'idle');
      await clock!.tickAsync(60_000);
      expect(rec.requests).to.have.length(1);
      await data.rec.count(2);
    });
  }
});

describe('a source with only a stream', () => {
  it('shows the stream’s reason as its error when the stream stops for good', async () => {
    const path = url('gone');
    worker.use(http.get(path, () => new HttpResponse(null, { status: 204 })));
    const source = createSource('m', { stream: path });
    listen(source);
    const state = await until(source.$state, (s) => s.status === 'error');
    expect(state.error!.message).to.match(/asked the stream to stop/);
  });

  it('is not loading forever when only pushes bring data', async () => {
    const source = createSource('m', {});
    listen(source);
    await until(source.$state, (s) => s.status === 'idle');
    source.push({ n: 1 });
    expect(source.state).to.deep.include({ status: 'idle', origin: 'live' });
  });
});

describe('stream and polling', () => {
  it('polls while the stream is down and stops when it is back', async () => {
    sinon.stub(Math, 'random').returns(0.5);
    const sse = sseEndpoint(worker);
    const data = json();
    fakeClock();
    const source = createSource('m', { src: data.path, stream: sse.path, poll: '20s', retry: { base: '50s', max: '50s' } });
    listen(source);
    await until(source.$state, (s) => s.connection === 'streaming' && s.status === 'idle');
    await clock!.tickAsync(10_000);
    expect(data.rec.requests).to.have.length(1); // streaming: no polls
    sse.fail(); // t = 10 s; the stream comes back after 0.5 × 50 s
    // Said at once: the stream is lost and being reconnected (polling carries the data meanwhile).
    await until(source.$state, (s) => s.connection === 'reconnecting' && s.retryAt === Date.now() + 25_000);
    await clock!.tickAsync(10_000); // t = 20 s: a poll is due
    await data.rec.count(2);
    await until(source.$state, (s) => s.status === 'idle');
    await clock!.tickAsync(15_000); // t = 35 s: the stream is back
    await sse.rec.count(2);
    await until(source.$state, (s) => s.connection === 'streaming');
    await data.rec.count(3); // one conditional revalidation on reconnect
    await until(source.$state, (s) => s.status === 'idle');
    // Streaming: no polls (the ttl is twice the poll, 40 s)...
    await clock!.tickAsync(39_999);
    expect(data.rec.requests).to.have.length(3);
    // ...but a stream with nothing to say confirms nothing: one conditional request a ttl after the last confirmation.
    await clock!.tickAsync(1);
    await data.rec.count(4);
    await until(source.$state, (s) => s.status === 'idle' && s.connection === 'streaming');
  });

  it('polls every 30 s while down when the source has no poll of its own', async () => {
    const path = url('gone');
    worker.use(http.get(path, () => new HttpResponse(null, { status: 204 })));
    const data = json();
    fakeClock();
    const source = createSource('m', { src: data.path, stream: path });
    listen(source);
    await until(source.$state, (s) => s.connection === 'polling' && s.status === 'idle');
    await clock!.tickAsync(29_000);
    expect(data.rec.requests).to.have.length(1);
    await clock!.tickAsync(1000);
    await data.rec.count(2);
  });

  it('closes the stream after the page stays hidden past the grace time, and resumes when shown', async () => {
    const { sse, source } = await streaming({ grace: '60s', heartbeat: '2m' });
    sse.send('id: 9\ndata: x\n\n');
    await until($streams, (all) => all[new URL(sse.path, location.href).href]!.events === 1);
    visibility.set('hidden');
    expect(source.state.connection).to.equal('paused');
    await clock!.tickAsync(59_999);
    expect($streams.get()[new URL(sse.path, location.href).href]!.state).to.equal('open');
    await clock!.tickAsync(1);
    expect($streams.get()[new URL(sse.path, location.href).href]!.state).to.equal('closed');
    visibility.set('visible');
    await sse.rec.count(2);
    expect(sse.rec.last.headers.get('last-event-id')).to.equal('9');
  });
});
