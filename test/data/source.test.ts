import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import sinon from 'sinon';
import { createSource } from '../../src/data/source.js';
import { $diagnostics } from '../../src/stores/diagnostics.js';
import { $errors } from '../../src/stores/errors.js';
import { getSource } from '../../src/stores/sources.js';
import { disposeAll, gatedEndpoint, pause, Recorder, startNetwork, until, url } from '../helpers.js';

const worker = await startNetwork();

afterEach(() => {
  disposeAll();
  worker.resetHandlers();
  sinon.restore();
});

/** Serves `body` at a fresh URL and records the requests. */
function serve(body: Record<string, unknown> = { n: 1 }, init?: ResponseInit) {
  const path = url('data');
  const rec = new Recorder();
  worker.use(
    http.get(path, ({ request }) => {
      rec.add(request);
      return HttpResponse.json(body, init);
    }),
  );
  return { path, rec };
}

describe('createSource', () => {
  it('starts with its first subscriber and fetches the data', async () => {
    const { path, rec } = serve({ visitors: 42 });
    const source = createSource('s', { src: path });
    expect(source.state).to.include({ status: 'idle', origin: 'none', updatedAt: null, error: null });
    expect(rec.requests).to.have.length(0);

    const before = Date.now();
    const off = source.$state.subscribe(() => {});
    expect(source.state.status).to.equal('loading');
    const state = await until(source.$state, (s) => s.status === 'idle');
    expect(state.data).to.deep.equal({ visitors: 42 });
    expect(state.origin).to.equal('live');
    expect(state.updatedAt).to.be.at.least(before);
    expect(state.stale).to.equal(false);
    expect(rec.requests).to.have.length(1);
    expect(rec.last.headers.get('accept')).to.equal('application/json');
    off();
  });

  it('shares one request among any number of subscribers', async () => {
    const { path, rec } = serve();
    const source = createSource('s', { src: path });
    const offs = Array.from({ length: 20 }, () => source.$state.subscribe(() => {}));
    await until(source.$state, (s) => s.status === 'idle' && s.data !== undefined);
    await source.revalidate();
    expect(rec.requests).to.have.length(2);
    offs.forEach((off) => off());
  });

  it('registers by name, refuses a taken name, and frees it on dispose', () => {
    const source = createSource('metrics', {});
    expect(getSource('metrics')).to.equal(source);
    expect(() => createSource('metrics', {})).to.throw(TypeError, /"metrics" already exists/);
    source.dispose();
    expect(getSource('metrics')).to.equal(undefined);
    expect(() => createSource('', {})).to.throw(TypeError, /"name" must be a name that is not empty/);
  });

  it('throws a TypeError naming a bad option and its value', () => {
    expect(() => createSource('a', { poll: 'banana' })).to.throw(TypeError, /"poll".*"banana"/);
    expect(() => createSource('b', { poll: -5 })).to.throw(TypeError, /"poll".*-5/);
    expect(() => createSource('c', { ttl: 'soon' })).to.throw(TypeError, /"ttl"/);
    expect(() => createSource('d', { timeout: 0 })).to.throw(TypeError, /"timeout"/);
    expect(() => createSource('e', { retry: { attempts: -1 } })).to.throw(TypeError, /"retry.attempts"/);
    expect(() => createSource('f', { retry: { base: 'x' } })).to.throw(TypeError, /"retry.base"/);
    expect(() => createSource('g', { credentials: 'always' as RequestCredentials })).to.throw(TypeError, /"credentials"/);
    expect(() => createSource('h', { headers: 'Bearer x' as never })).to.throw(TypeError, /"headers"/);
    expect(() => createSource('i', { src: '' })).to.throw(TypeError, /"src"/);
    expect(getSource('a')).to.equal(undefined);
  });

  it('derives the ttl from the poll interval, else 5 minutes', () => {
    expect(createSource('a', { poll: '10s' }).options.ttl).to.equal(20_000);
    expect(createSource('b', {}).options.ttl).to.equal(300_000);
    expect(createSource('c', { poll: '10s', ttl: '1m' }).options).to.include({ ttl: 60_000, timeout: 15_000 });
    const d = createSource('d', { poll: '10s' });
    d.configure({ poll: '1m' });
    expect(d.options.ttl).to.equal(120_000);
    expect(d.$state.get().ttl).to.equal(120_000);
  });

  it('shows fallback data until the server answers', async () => {
    const { path } = serve({ n: 'live' });
    const source = createSource('s', { src: path, fallback: { n: 'fallback' } });
    expect(source.state).to.deep.include({ data: { n: 'fallback' }, origin: 'fallback', stale: true });
    const off = source.$state.subscribe(() => {});
    const state = await until(source.$state, (s) => s.origin === 'live');
    expect(state.data).to.deep.equal({ n: 'live' });
    off();
  });

  it('calls a headers function before every request and sends what it returns', async () => {
    const { path, rec } = serve();
    let n = 0;
    const source = createSource('s', { src: path, headers: async () => ({ authorization: `Bearer t${++n}` }) });
    await source.revalidate();
    await source.refresh();
    expect(rec.requests.map((r) => r.headers.get('authorization'))).to.deep.equal(['Bearer t1', 'Bearer t2']);
  });

  it('sends credentials as configured', async () => {
    const { path, rec } = serve();
    await createSource('s', { src: path, credentials: 'omit' }).revalidate();
    expect(rec.last.credentials).to.equal('omit');
  });

  it('stops when the last subscriber leaves: the request in flight is aborted and no poll follows', async () => {
    const { path, rec } = gatedEndpoint(worker);
    const fetchSpy = sinon.spy(window, 'fetch');
    const source = createSource('s', { src: path, poll: 50 });
    const off = source.$state.subscribe(() => {});
    await rec.count(1);
    const signal = fetchSpy.firstCall.args[1]!.signal!;
    expect(signal.aborted).to.equal(false);
    off();
    // nanostores waits a second before unmounting, so a moved element does not restart it.
    await pause(1100);
    expect(signal.aborted).to.equal(true);
    expect(source.state.status).to.equal('idle');
    expect(source.state.error).to.equal(null);
    expect($errors.get().s).to.equal(undefined);
    await pause(200);
    expect(rec.requests).to.have.length(1);
    expect($diagnostics.get().s).to.include({ inFlight: 0, failures: 0 });
  });
});

describe('forced refresh', () => {
  it('busts caches: _t in the query, no validators; an ordinary fetch never lets the browser’s cache answer alone', async () => {
    const path = url('etag');
    const rec = new Recorder();
    worker.use(
      http.get(path, ({ request }) => {
        rec.add(request);
        return HttpResponse.json({ n: 1 }, { headers: { etag: '"v1"', 'last-modified': 'Wed, 21 Oct 2026 07:28:00 GMT' } });
      }),
    );
    const source = createSource('s', { src: path });
    await source.revalidate();
    const before = Date.now();
    await source.refresh();
    const forced = new URL(rec.last.url);
    expect(Number(forced.searchParams.get('_t'))).to.be.at.least(before);
    expect(rec.last.cache).to.equal('no-store');
    // The first asks the server (the browser may revalidate what it stored); the next bring their own validators.
    expect(rec.requests[0].cache).to.equal('no-cache');
    await source.revalidate();
    expect(rec.last.cache).to.equal('no-store');
    expect(rec.last.headers.get('if-none-match')).to.equal('"v1"');
    await source.refresh();
    expect(rec.last.headers.get('if-none-match')).to.equal(null);
    expect(rec.last.headers.get('if-modified-since')).to.equal(null);
  });

  it('joins a forced refresh in flight and follows an ordinary fetch, never cancelling', async () => {
    const { path, rec, releaseOne } = gatedEndpoint(worker);
    const source = createSource('s', { src: path });
    const ordinary = source.revalidate();
    await rec.count(1);
    const forced1 = source.refresh();
    const forced2 = source.refresh();
    expect(forced1).to.equal(forced2);
    releaseOne();
    expect((await ordinary).data).to.deep.equal({ n: 1 });
    await rec.count(2);
    expect(new URL(rec.requests[1].url).searchParams.has('_t')).to.equal(true);
    const joined = source.refresh();
    releaseOne();
    const [a, b] = await Promise.all([forced1, joined]);
    expect(a.data).to.deep.equal({ n: 2 });
    expect(b).to.equal(a);
    expect(rec.requests).to.have.length(2);
  });
});

describe('conditional requests', () => {
  it('sends the validators and keeps the same data object on a 304, counting a hit', async () => {
    const path = url('cond');
    const rec = new Recorder();
    worker.use(
      http.get(path, ({ request }) => {
        rec.add(request);
        if (request.headers.get('if-none-match') === '"v1"') {
          return new HttpResponse(null, { status: 304, headers: { etag: '"v1"' } });
        }
        return HttpResponse.json({ n: 1 }, { headers: { etag: '"v1"', 'last-modified': 'Wed, 21 Oct 2026 07:28:00 GMT' } });
      }),
    );
    const source = createSource('s', { src: path });
    const first = await source.revalidate();
    await pause(5);
    const second = await source.revalidate();
    expect(rec.last.headers.get('if-none-match')).to.equal('"v1"');
    expect(rec.last.headers.get('if-modified-since')).to.equal('Wed, 21 Oct 2026 07:28:00 GMT');
    expect(second.data).to.equal(first.data);
    expect(second.updatedAt).to.be.greaterThan(first.updatedAt!);
    expect(second.origin).to.equal('live');
    expect($diagnostics.get().s).to.include({ requests: 2, successes: 2, notModified: 1 });
  });
});

describe('errors', () => {
  const cases: [string, () => Response, object, RegExp][] = [
    ['network', () => HttpResponse.error(), { kind: 'network' }, /reach the server/],
    ['404', () => HttpResponse.json({ error: 'No such report' }, { status: 404 }), { kind: 'http', status: 404, detail: 'No such report' }, /HTTP 404/],
    ['429', () => new HttpResponse('', { status: 429 }), { kind: 'rate-limited', status: 429 }, /Too many requests/],
    ['503', () => new HttpResponse('', { status: 503 }), { kind: 'rate-limited', status: 503 }, /busy/],
    ['bad JSON', () => new HttpResponse('{"n": 1', { headers: { 'content-type': 'application/json' } }), { kind: 'parse' }, /could not be read/],
    ['HTML instead of JSON', () => new HttpResponse('<h1>Login</h1>', { headers: { 'content-type': 'text/html' } }), { kind: 'parse' }, /web page/],
  ];
  for (const [name, respond, expected, message] of cases) {
    it(`classifies ${name} with a readable message and keeps the last good data`, async () => {
      const path = url('err');
      let fail = false;
      worker.use(http.get(path, () => (fail ? respond() : HttpResponse.json({ good: true }))));
      const source = createSource('s', { src: path, retry: { attempts: 0 } });
      await source.revalidate();
      fail = true;
      const state = await source.revalidate();
      expect(state.status).to.equal('error');
      expect(state.error).to.include(expected);
      expect(state.error!.message).to.match(message);
      expect(state.error!.url).to.equal(new URL(path, location.href).href);
      expect(state.error!.attempt).to.equal(1);
      expect(state.data).to.deep.equal({ good: true });
      expect(state.origin).to.equal('live');
      expect($errors.get().s?.error).to.equal(state.error);
      expect($diagnostics.get().s).to.include({ failures: 1, failuresInRow: 1 });
    });
  }

  it('keeps tokens in the query out of the error', async () => {
    const path = url('secret');
    worker.use(http.get(path, () => new HttpResponse('', { status: 500 })));
    const state = await createSource('s', { src: `${path}?token=abc123`, retry: { attempts: 0 } }).revalidate();
    expect(JSON.stringify(state.error)).not.to.contain('abc123');
  });

  it('clears the error store when the source succeeds again', async () => {
    const path = url('recover');
    let fail = true;
    worker.use(http.get(path, () => (fail ? new HttpResponse('', { status: 500 }) : HttpResponse.json({}))));
    const source = createSource('s', { src: path, retry: { attempts: 0 } });
    await source.revalidate();
    expect($errors.get().s).to.exist;
    fail = false;
    const state = await source.refresh();
    expect(state.error).to.equal(null);
    expect(state.status).to.equal('idle');
    expect($errors.get().s).to.equal(undefined);
  });

  it('reports a headers function that throws as an error, not a crash', async () => {
    const { path, rec } = serve();
    const source = createSource('s', {
      src: path,
      retry: { attempts: 0 },
      headers: () => {
        throw new Error('token expired');
      },
    });
    const state = await source.revalidate();
    expect(state.error!.message).to.contain('token expired');
    expect(rec.requests).to.have.length(0);
  });
});
