import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import sinon from 'sinon';
import { createSource } from '../../src/data/source.js';
import { $diagnostics } from '../../src/stores/diagnostics.js';
import { disposeAll, pageVisibility, Recorder, startNetwork, until, url } from '../helpers.js';

const worker = await startNetwork();
let clock: sinon.SinonFakeTimers;
const visibility = pageVisibility();
const setVisibility = visibility.set;

beforeEach(() => {
  clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
  sinon.stub(Math, 'random').returns(0.5);
  visibility.install();
});

afterEach(() => {
  disposeAll();
  worker.resetHandlers();
  sinon.restore();
  visibility.remove();
});

/** Answers each request with the next response in `script` (the last one repeats). */
function serve(...script: (() => Response)[]) {
  const path = url('sched');
  const rec = new Recorder();
  worker.use(
    http.get(path, ({ request }) => {
      rec.add(request);
      return script[Math.min(rec.requests.length, script.length) - 1]();
    }),
  );
  return { path, rec };
}
/** Resolves once source `s` has seen `n` failed requests: its retry timer is then armed. */
const failures = (n: number) => until($diagnostics, (d) => (d.s?.failures ?? 0) >= n);

const ok =
  (body: Record<string, unknown> = { ok: true }) =>
  () =>
    HttpResponse.json(body);
const status = (code: number, headers?: HeadersInit) => () => new HttpResponse('', { status: code, headers });

/** Starts a source with a subscriber, as an element would. */
function mount<T>(source: { $state: { subscribe: (l: (v: T) => void) => () => void } }) {
  return source.$state.subscribe(() => {});
}

describe('polling', () => {
  it('polls at its interval, planned from the end of the previous request', async () => {
    const { path, rec } = serve(ok({ n: 1 }), ok({ n: 2 }), ok({ n: 3 }));
    const source = createSource('s', { src: path, poll: '5s' });
    mount(source);
    await until(source.$state, (s) => s.status === 'idle' && s.origin === 'live');
    await clock.tickAsync(4999);
    expect(rec.requests).to.have.length(1);
    await clock.tickAsync(1);
    await rec.count(2);
    const state = await until(source.$state, (s) => (s.data as { n: number }).n === 2);
    expect(state.origin).to.equal('live');
  });

  it('with data a server render passed along, shows it live and polls only when it is due', async () => {
    const { path, rec } = serve(ok({ n: 2 }));
    const source = createSource<{ n: number }>('s', {
      src: path,
      poll: '5s',
      tabs: 'independent',
      initial: { data: { n: 1 }, updatedAt: new Date(Date.now() - 3000).toISOString() },
    });
    expect(source.state).to.deep.include({ data: { n: 1 }, origin: 'live', stale: false });
    mount(source);
    // Confirmed 3 s ago, polled every 5 s: the first request is 2 s away, not now.
    await clock.tickAsync(1999);
    expect(rec.requests).to.have.length(0);
    await clock.tickAsync(1);
    await rec.count(1);
    await until(source.$state, (s) => s.data?.n === 2);
  });

  it('refuses an initial without a readable time', () => {
    expect(() => createSource('s', { initial: { data: 1, updatedAt: 'yesterday' } })).to.throw(
      TypeError,
      /"initial" must be an object like \{ data, updatedAt \}/,
    );
  });

  it('never overlaps: a slow answer delays the next poll', async () => {
    const path = url('slow');
    const rec = new Recorder();
    let release = () => {};
    worker.use(
      http.get(path, async ({ request }) => {
        rec.add(request);
        if (rec.requests.length === 1) await new Promise<void>((r) => (release = r));
        return HttpResponse.json({});
      }),
    );
    const source = createSource('s', { src: path, poll: '1s', timeout: '1m' });
    mount(source);
    await rec.count(1);
    await clock.tickAsync(10_000);
    expect(rec.requests).to.have.length(1);
    release();
    await until(source.$state, (s) => s.status === 'idle' && s.origin === 'live');
    await clock.tickAsync(999);
    expect(rec.requests).to.have.length(1);
    await clock.tickAsync(1);
    await rec.count(2);
  });

  it('goes on polling after retries ran out, and recovers', async () => {
    const { path, rec } = serve(ok({ n: 1 }), status(500), status(500), ok({ n: 2 }));
    const source = createSource('s', { src: path, poll: '10s', retry: { attempts: 1, base: '1s' } });
    mount(source);
    await until(source.$state, (s) => s.origin === 'live' && s.status === 'idle');
    await clock.tickAsync(10_000);
    await failures(1);
    await clock.tickAsync(500); // backoff: 0.5 × 1 s
    await rec.count(3);
    const failed = await until(source.$state, (s) => s.status === 'error');
    expect(failed.error).to.include({ kind: 'http', status: 500, attempt: 2 });
    expect(failed.data).to.deep.equal({ n: 1 });
    await clock.tickAsync(10_000);
    await rec.count(4);
    const back = await until(source.$state, (s) => s.status === 'idle');
    expect(back.data).to.deep.equal({ n: 2 });
    expect(back.error).to.equal(null);
  });

  it('pauses while the page is hidden and refreshes at once when it shows stale data again', async () => {
    const { path, rec } = serve(ok());
    const source = createSource('s', { src: path, poll: '5s' });
    mount(source);
    await until(source.$state, (s) => s.origin === 'live' && s.status === 'idle');
    setVisibility('hidden');
    await clock.tickAsync(60_000);
    expect(rec.requests).to.have.length(1);
    expect(source.state.stale).to.equal(true);
    setVisibility('visible');
    await rec.count(2);
  });

  it('loads once when started in a hidden page, then waits for it to show before polling', async () => {
    const { path, rec } = serve(ok());
    setVisibility('hidden', true);
    const source = createSource('s', { src: path, poll: '5s' });
    mount(source);
    await until(source.$state, (s) => s.origin === 'live' && s.status === 'idle');
    await clock.tickAsync(60_000);
    expect(rec.requests).to.have.length(1);
    setVisibility('visible');
    await rec.count(2);
  });

  it('shown again before the data is stale, it waits for the poll that is due', async () => {
    const { path, rec } = serve(ok());
    const source = createSource('s', { src: path, poll: '10s', ttl: '1h' });
    mount(source);
    await until(source.$state, (s) => s.origin === 'live' && s.status === 'idle');
    setVisibility('hidden');
    await clock.tickAsync(4000);
    setVisibility('visible');
    await clock.tickAsync(5999);
    expect(rec.requests).to.have.length(1);
    await clock.tickAsync(1);
    await rec.count(2);
  });

  it('refetches soon after the browser comes back online, with a random delay', async () => {
    const { path, rec } = serve(ok());
    const source = createSource('s', { src: path });
    mount(source);
    await until(source.$state, (s) => s.origin === 'live' && s.status === 'idle');
    window.dispatchEvent(new Event('online'));
    await clock.tickAsync(499);
    expect(rec.requests).to.have.length(1);
    await clock.tickAsync(1);
    await rec.count(2);
  });

  it('changes its interval at once through configure', async () => {
    const { path, rec } = serve(ok());
    const source = createSource('s', { src: path, poll: '1m' });
    mount(source);
    await until(source.$state, (s) => s.origin === 'live' && s.status === 'idle');
    source.configure({ poll: '2s' });
    await clock.tickAsync(2000);
    await rec.count(2);
    source.configure({ poll: 0 });
    await until(source.$state, (s) => s.status === 'idle');
    await clock.tickAsync(600_000);
    expect(rec.requests).to.have.length(2);
  });
});

describe('retry', () => {
  it('backs off exponentially with full jitter and shows no error while retrying', async () => {
    const { path, rec } = serve(status(500), HttpResponse.error, status(502), ok({ n: 1 }));
    const source = createSource('s', { src: path, retry: { attempts: 3, base: '1s', max: '30s' } });
    const seen: string[] = [];
    source.$state.subscribe((s) => seen.push(s.status));
    await failures(1);
    await clock.tickAsync(499);
    expect(rec.requests).to.have.length(1);
    await clock.tickAsync(1); // 0.5 × 1 s
    await failures(2);
    await clock.tickAsync(999);
    expect(rec.requests).to.have.length(2);
    await clock.tickAsync(1); // 0.5 × 2 s
    await failures(3);
    await clock.tickAsync(2000); // 0.5 × 4 s
    await rec.count(4);
    const state = await until(source.$state, (s) => s.status === 'idle');
    expect(state.data).to.deep.equal({ n: 1 });
    expect(seen).not.to.include('error');
  });

  it('caps the wait at retry.max', async () => {
    const { path, rec } = serve(status(500), status(500), ok());
    createSource('s', { src: path, retry: { attempts: 2, base: '10s', max: '3s' } }).$state.subscribe(() => {});
    await failures(1);
    await clock.tickAsync(1500); // 0.5 × min(3 s, 10 s)
    await failures(2);
    await clock.tickAsync(1500); // 0.5 × min(3 s, 20 s)
    await rec.count(3);
  });

  for (const code of [400, 401, 403, 404, 422]) {
    it(`does not retry HTTP ${code}`, async () => {
      const { path, rec } = serve(status(code), ok());
      const source = createSource('s', { src: path });
      mount(source);
      const state = await until(source.$state, (s) => s.status === 'error');
      expect(state.error).to.include({ kind: 'http', status: code, attempt: 1 });
      await clock.tickAsync(60_000);
      expect(rec.requests).to.have.length(1);
    });
  }

  it('retries 408', async () => {
    const { path, rec } = serve(status(408), ok());
    createSource('s', { src: path }).$state.subscribe(() => {});
    await failures(1);
    await clock.tickAsync(500);
    await rec.count(2);
  });

  it('honours Retry-After in seconds', async () => {
    const { path, rec } = serve(status(429, { 'retry-after': '3' }), ok());
    const source = createSource('s', { src: path });
    mount(source);
    await failures(1);
    await clock.tickAsync(2999);
    expect(rec.requests).to.have.length(1);
    await clock.tickAsync(1);
    await rec.count(2);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const at = new Date(Math.ceil((Date.now() + 5000) / 1000) * 1000);
    const { path, rec } = serve(status(503, { 'retry-after': at.toUTCString() }), ok());
    createSource('s', { src: path }).$state.subscribe(() => {});
    await failures(1);
    await clock.tickAsync(at.getTime() - Date.now() - 1);
    expect(rec.requests).to.have.length(1);
    await clock.tickAsync(1);
    await rec.count(2);
  });

  it('gives up at once when Retry-After is past retry.max, and polls no sooner than it says', async () => {
    const { path, rec } = serve(status(503, { 'retry-after': '120' }), ok());
    const source = createSource('s', { src: path, poll: '10s' });
    mount(source);
    const state = await until(source.$state, (s) => s.status === 'error');
    expect(state.error).to.include({ kind: 'rate-limited', retryAfter: 120_000 });
    await clock.tickAsync(119_000);
    expect(rec.requests).to.have.length(1);
    await clock.tickAsync(1000);
    await rec.count(2);
  });

  it('times out a request that takes longer than `timeout`', async () => {
    const path = url('hang');
    const rec = new Recorder();
    worker.use(http.get(path, ({ request }) => (rec.add(request), new Promise<Response>(() => {}))));
    const source = createSource('s', { src: path, timeout: '2s', retry: { attempts: 0 } });
    mount(source);
    await rec.count(1);
    await clock.tickAsync(1999);
    expect(source.state.status).to.equal('loading');
    await clock.tickAsync(1);
    const state = await until(source.$state, (s) => s.status === 'error');
    expect(state.error).to.include({ kind: 'timeout' });
    expect(state.error!.message).to.match(/too long/);
  });
});

describe('freshness over time', () => {
  it('turns stale exactly when the ttl runs out', async () => {
    const { path } = serve(ok());
    const source = createSource('s', { src: path, ttl: '10s' });
    mount(source);
    const loaded = await until(source.$state, (s) => s.origin === 'live' && s.status === 'idle');
    await clock.tickAsync(loaded.updatedAt! + 10_000 - Date.now() - 1);
    expect(source.state.stale).to.equal(false);
    await clock.tickAsync(1);
    expect(source.state.stale).to.equal(true);
  });
});

describe('connection', () => {
  let online = true;
  beforeEach(() => {
    online = true;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
  });
  afterEach(() => delete (navigator as { onLine?: unknown }).onLine);

  it('says polling, paused while hidden, and idle with nothing to do', async () => {
    const { path } = serve(ok());
    const polled = createSource('a', { src: path, poll: '5s' });
    const once = createSource('b', { src: path });
    mount(polled);
    mount(once);
    await until(polled.$state, (s) => s.status === 'idle' && s.origin === 'live');
    await until(once.$state, (s) => s.status === 'idle' && s.origin === 'live');
    expect(polled.state.connection).to.equal('polling');
    expect(once.state.connection).to.equal('idle');
    setVisibility('hidden');
    expect(polled.state.connection).to.equal('paused');
    setVisibility('visible');
    expect(polled.state.connection).to.equal('polling');
  });

  it('while the browser is offline: no retries, no polls, the data stays; back online it refetches at once', async () => {
    const { path, rec } = serve(ok({ n: 1 }), HttpResponse.error, HttpResponse.error, ok({ n: 2 }));
    const source = createSource('s', { src: path, poll: '5s' });
    mount(source);
    await until(source.$state, (s) => s.status === 'idle' && s.origin === 'live');
    online = false;
    window.dispatchEvent(new Event('offline'));
    expect(source.state.connection).to.equal('offline');
    await source.revalidate();
    expect(rec.requests).to.have.length(2);
    expect(source.state).to.deep.include({ status: 'error', connection: 'offline', data: { n: 1 } });
    await clock.tickAsync(60_000);
    expect(rec.requests).to.have.length(2);
    online = true;
    window.dispatchEvent(new Event('online'));
    expect(source.state.connection).to.equal('polling');
    await clock.tickAsync(500);
    await rec.count(3);
  });

  it('says offline when every try fails to reach the server', async () => {
    const { path } = serve(HttpResponse.error);
    const source = createSource('s', { src: path, poll: '5s', retry: { attempts: 1 } });
    mount(source);
    await failures(1);
    await clock.tickAsync(500);
    const state = await until(source.$state, (s) => s.status === 'error');
    expect(state.connection).to.equal('offline');
  });
});
