// The reference server's own cache (demo/app-cache.mjs), against real servers on loopback: in
// memory, and in a real Redis that two servers share. What it answers, what it says of itself, and
// who may warm and clear it.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { cacheServer as server, cacheStatusOf as status, closeCacheServers, operate, setFaults, TOKEN } from '../cache-server.js';
import { createSource } from '../../src/data/source.js';
import { disposeAll, until } from '../helpers.js';

afterEach(async () => {
  disposeAll();
  await closeCacheServers();
});

const cacheStatus = (res: Response) => res.headers.get('cache-status');
const age = (res: Response) => Number(res.headers.get('age'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the application cache', function () {
  this.timeout(20_000);

  it('builds an answer once, then serves it with its Age and a Cache-Status that says hit', async () => {
    const base = await server();
    const first = await fetch(`${base}/api/overview`);
    expect(cacheStatus(first)).to.match(/^app-cache; fwd=miss; stored; ttl=(299|300)$/);
    expect(age(first)).to.equal(0);
    const data = await first.json();
    await sleep(1100);
    const second = await fetch(`${base}/api/overview`);
    expect(cacheStatus(second)).to.match(/^app-cache; hit; ttl=29\d$/);
    expect(age(second)).to.be.at.least(1);
    expect(second.headers.get('etag')).to.equal(first.headers.get('etag'));
    expect(await second.json()).to.deep.equal(data);
  });

  it('answers a conditional request from the entry (304), even with the no-cache browsers add to it', async () => {
    const base = await server();
    const etag = (await fetch(`${base}/api/campaigns`)).headers.get('etag')!;
    // `no-store` makes the browser send Cache-Control: no-cache with the validator.
    const again = await fetch(`${base}/api/campaigns`, { headers: { 'if-none-match': etag }, cache: 'no-store' });
    expect(again.status).to.equal(304);
    expect(cacheStatus(again)).to.match(/^app-cache; hit; /);
  });

  it('rebuilds the entry on a forced refresh: the _t of a refresh, or no-cache from a client with no copy', async () => {
    const base = await server();
    await fetch(`${base}/api/overview`);
    await sleep(1100);
    const refreshed = await fetch(`${base}/api/overview?_t=${Date.now()}`);
    expect(cacheStatus(refreshed)).to.match(/^app-cache; fwd=request; stored; /);
    expect(age(refreshed)).to.equal(0);
    await sleep(1100);
    // As curl -H 'Cache-Control: no-cache' asks; `no-store` keeps the browser's own copy and its validators out.
    const insisted = await fetch(`${base}/api/overview`, { headers: { 'cache-control': 'no-cache' }, cache: 'no-store' });
    expect(cacheStatus(insisted)).to.match(/^app-cache; fwd=request; stored; /);
    const keys = (await status(base)).keys as { key: string; age: number }[];
    expect(keys.find((k) => k.key === 'overview')!.age).to.equal(0);
  });

  it('reads around the cache at /api/realtime/…, leaving the entries and counts as they were', async () => {
    const base = await server();
    const before = await status(base);
    const res = await fetch(`${base}/api/realtime/campaigns`);
    expect(res.status).to.equal(200);
    expect(cacheStatus(res)).to.equal('app-cache; fwd=bypass');
    expect(res.headers.get('age')).to.equal(null);
    expect(await status(base)).to.deep.include({ total_keys: before.total_keys, hits: before.hits, misses: before.misses });
  });

  it('says what it holds: keys, size, hit probability, average ttl, and each key’s age and ttl', async () => {
    const base = await server();
    expect(await status(base)).to.deep.include({ name: 'app-cache', store: 'memory', total_keys: 0, estimated_size: 0, hit_probability: null, avg_ttl: null });
    await fetch(`${base}/api/overview`);
    await fetch(`${base}/api/overview`);
    await fetch(`${base}/api/overview`);
    await fetch(`${base}/api/campaigns`);
    const s = await status(base);
    expect(s).to.deep.include({ total_keys: 2, hits: 2, misses: 2, hit_probability: 0.5 });
    expect(s.estimated_size).to.be.greaterThan(100);
    expect(s.avg_ttl).to.be.within(445, 450);
    expect(s.keys.map((k: { key: string }) => k.key)).to.deep.equal(['campaigns', 'overview']);
    expect(s.keys[1]).to.deep.include({ key: 'overview', age: 0, ttl: 300 });
  });

  it('lets an entry go when its time to live has run out', async () => {
    const base = await server({ ttls: { overview: 1, campaigns: 600 } });
    await fetch(`${base}/api/overview`);
    expect((await status(base)).total_keys).to.equal(1);
    await sleep(1200);
    expect((await status(base)).total_keys).to.equal(0);
    expect(cacheStatus(await fetch(`${base}/api/overview`))).to.match(/^app-cache; fwd=miss; /);
  });

  it('warms every key, or the ones named, for the operator', async () => {
    const base = await server();
    const one = await operate(base, 'warm', { body: JSON.stringify({ keys: ['campaigns'] }), headers: { 'content-type': 'application/json' } });
    expect(one.status).to.equal(200);
    expect((await one.json()).warmed).to.deep.equal(['campaigns']);
    const all = await (await operate(base, 'warm')).json();
    expect(all.status.total_keys).to.equal(2);
    expect(cacheStatus(await fetch(`${base}/api/overview`))).to.match(/^app-cache; hit; /);
  });

  it('clears every key, or the ones named, and tells every page to refetch them', async () => {
    const base = await server();
    await operate(base, 'warm');
    const events = new EventSource(`${base}/api/stream`);
    const heard = new Promise<string>((resolve) => events.addEventListener('invalidate', (e) => resolve((e as MessageEvent).data)));
    await new Promise((resolve) => events.addEventListener('open', resolve, { once: true }));
    const res = await operate(base, 'clear', { body: JSON.stringify({ keys: ['overview'] }) });
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.include({ cleared: 1 });
    expect(JSON.parse(await heard)).to.deep.equal({ sources: ['overview'] });
    events.close();
    expect((await status(base)).keys.map((k: { key: string }) => k.key)).to.deep.equal(['campaigns']);
    expect(cacheStatus(await fetch(`${base}/api/overview`))).to.match(/^app-cache; fwd=miss; /);
  });

  it('refuses anyone but the operator, with the reason as JSON, and leaves the cache as it was', async () => {
    const base = await server();
    await operate(base, 'warm');
    const refusals: [string, Response, number][] = [
      ['no token', await fetch(`${base}/api/cache/clear`, { method: 'POST' }), 401],
      ['another token', await fetch(`${base}/api/cache/clear`, { method: 'POST', headers: { authorization: 'Bearer guess' } }), 403],
      ['a token not given as Bearer', await fetch(`${base}/api/cache/clear`, { method: 'POST', headers: { authorization: TOKEN } }), 401],
      // The same server by another name is another site: a page elsewhere holding the token is refused.
      ['another site', await operate(base.replace('localhost', '127.0.0.1'), 'clear'), 403],
    ];
    for (const [who, res, code] of refusals) {
      expect(res.status, who).to.equal(code);
      expect((await res.json()).error, who)
        .to.be.a('string')
        .that.matches(/\w/);
    }
    expect(refusals[0][1].headers.get('www-authenticate')).to.match(/^Bearer /);
    expect((await status(base)).total_keys).to.equal(2);
  });

  it('refuses everyone when started without an operator token', async () => {
    const base = await server({}, null);
    const res = await operate(base, 'warm');
    expect(res.status).to.equal(403);
    expect((await res.json()).error).to.match(/OPERATOR_TOKEN/);
  });

  it('says what is wrong with a malformed call (400), and which method to use (405)', async () => {
    const base = await server();
    const cases: [string, string][] = [
      ['not json', 'not JSON'],
      ['[1]', 'keys'],
      ['{"keys":"overview"}', 'keys'],
      ['{"keys":[]}', 'empty'],
      ['{"keys":["revenue"]}', 'No cache key "revenue": the keys are campaigns, overview.'],
    ];
    for (const [body, says] of cases) {
      const res = await operate(base, 'clear', { body });
      expect(res.status, body).to.equal(400);
      expect((await res.json()).error, body).to.contain(says);
    }
    const get = await fetch(`${base}/api/cache/warm`);
    expect(get.status).to.equal(405);
    expect(get.headers.get('allow')).to.equal('POST');
    expect((await get.json()).error).to.equal('POST to warm the cache.');
  });

  it('shows through a source as the server’s cache, named, with the age of its copy; a refresh gets a first-hand answer', async () => {
    const base = await server();
    await operate(base, 'warm');
    await sleep(2100);
    const source = createSource('cached', { src: `${base}/api/overview` });
    source.$state.subscribe(() => {});
    const shown = await until(source.$state, (s) => s.origin !== 'none');
    expect(shown).to.deep.include({ origin: 'server-cache', servedBy: 'app-cache' });
    expect(Date.now() - shown.updatedAt!).to.be.at.least(2000);
    const fresh = await source.refresh();
    expect(fresh).to.deep.include({ origin: 'live', servedBy: null });
    expect(Date.now() - fresh.updatedAt!).to.be.below(1500);
  });
});

describe('the application cache at its edges', function () {
  this.timeout(20_000);

  /** A request from Node, with headers no page may set. */
  const fromNode = (url: string, init: RequestInit & { headers: Record<string, string> }) =>
    executeServerCommand<{ status: number; body: { error?: string } | null }, object>('fresh-server', {
      fetch: { url: url.replace('localhost', '127.0.0.1'), init },
    });

  it('judges the site by Origin where a browser sends no Sec-Fetch-Site: another host is refused, another port is the same site', async () => {
    const base = await server();
    const port = new URL(base).port;
    const clear = (headers: Record<string, string>) =>
      fromNode(`${base}/api/cache/clear`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, ...headers } });
    const foreign = await clear({ origin: 'https://evil.example' });
    expect(foreign.status).to.equal(403);
    expect(foreign.body!.error).to.match(/another site/);
    expect((await clear({ origin: `http://127.0.0.1:${Number(port) + 1}` })).status, 'another port').to.equal(200);
    expect((await clear({})).status, 'no Origin: not a browser').to.equal(200);
    expect((await clear({ origin: 'https://evil.example', 'sec-fetch-site': 'same-site' })).status, 'Sec-Fetch-Site first').to.equal(200);
    const refresh = await fromNode(`${base}/api/refresh/overview`, { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(refresh.status, 'a refresh from another site').to.equal(403);
  });

  it('answers a body over 4 KB with 413, and warms nothing', async () => {
    const base = await server();
    const res = await operate(base, 'warm', { body: JSON.stringify({ keys: ['overview'], pad: 'x'.repeat(5000) }) });
    expect(res.status).to.equal(413);
    expect((await res.json()).error).to.match(/larger than 4096 bytes/);
    expect((await status(base)).total_keys).to.equal(0);
  });

  it('builds a cold key once for every request that comes while it builds', async () => {
    const base = await server();
    await setFaults(base, { buildLatency: 400 });
    // Each its own URL (the cache keys on the path), or a browser sends one and holds the others back.
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => fetch(`${base}/api/overview?n=${n}`, { cache: 'no-store' })));
    expect(answers.map((r) => r.status)).to.deep.equal([200, 200, 200, 200, 200]);
    expect(new Set(await Promise.all(answers.map((r) => r.text()))).size).to.equal(1);
    expect(await status(base)).to.deep.include({ builds: 1, misses: 5, total_keys: 1 });
  });

  it('does not let a build that began before a clear store what it built', async () => {
    const base = await server();
    await setFaults(base, { buildLatency: 600 });
    const reading = fetch(`${base}/api/overview`);
    await sleep(200);
    expect((await operate(base, 'clear', { body: JSON.stringify({ keys: ['overview'] }) })).status).to.equal(200);
    const answer = await reading;
    expect(answer.status, 'the reader still gets its answer').to.equal(200);
    expect(await status(base)).to.deep.include({ total_keys: 0, builds: 1 });
    expect(cacheStatus(await fetch(`${base}/api/overview`)), 'the next read builds again').to.match(/^app-cache; fwd=miss; stored/);
  });

  it('refuses to start with a Redis it cannot reach, saying where it looked', async () => {
    const { error } = await executeServerCommand<{ error: string | null }, object>('fresh-server', { appCache: { redis: 'unreachable' } });
    expect(error).to.match(/^The application cache could not reach Redis at redis:\/\/127\.0\.0\.1:9: /);
  });

  it('drops one entry on POST /api/refresh/<endpoint>, the way past a cache that ignores a forced refresh', async () => {
    const base = await server();
    await setFaults(base, { ignoreRefresh: true });
    await fetch(`${base}/api/overview`);
    const forced = await fetch(`${base}/api/overview?_t=${Date.now()}`, { headers: { 'cache-control': 'no-cache' } });
    expect(cacheStatus(forced), 'the cache ignores a forced refresh').to.match(/^app-cache; hit; /);
    const res = await fetch(`${base}/api/refresh/overview`, { method: 'POST' });
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ cleared: 1 });
    expect(cacheStatus(await fetch(`${base}/api/overview`))).to.match(/^app-cache; fwd=miss; stored/);
    const unknown = await fetch(`${base}/api/refresh/revenue`, { method: 'POST' });
    expect(unknown.status).to.equal(404);
    expect((await unknown.json()).error).to.equal('No endpoint revenue: the cache holds campaigns, overview.');
    const get = await fetch(`${base}/api/refresh/overview`);
    expect(get.status).to.equal(405);
    expect((await get.json()).error).to.equal('POST to refresh overview.');
    const foreign = await fetch(`${base.replace('localhost', '127.0.0.1')}/api/refresh/overview`, { method: 'POST' });
    expect(foreign.status, 'a page of another site').to.equal(403);
  });
});

describe('the application cache in Redis', function () {
  this.timeout(20_000);

  before(async function () {
    const missing = await executeServerCommand<string | false, object>('fresh-server', { redisMissing: true });
    if (missing) {
      console.warn(`Skipping the Redis cache tests: ${missing}`);
      this.skip();
    }
  });

  it('is shared by the servers that use one Redis: entries, counts, clears', async () => {
    const [a, b] = [await server({ redis: true }), await server({ redis: true })];
    await operate(a, 'clear');
    expect(cacheStatus(await fetch(`${a}/api/campaigns`))).to.match(/^app-cache; fwd=miss; /);
    expect(cacheStatus(await fetch(`${b}/api/campaigns`))).to.match(/^app-cache; hit; /);
    const seen = await status(b);
    expect(seen).to.deep.include({ store: 'redis', total_keys: 1 });
    expect(seen.keys[0]).to.deep.include({ key: 'campaigns', ttl: 600 });
    await operate(b, 'clear');
    expect((await status(a)).total_keys).to.equal(0);
    expect(cacheStatus(await fetch(`${a}/api/campaigns`))).to.match(/^app-cache; fwd=miss; /);
  });

  it('lets Redis expire an entry with its time to live', async () => {
    const base = await server({ redis: true, ttls: { overview: 1, campaigns: 600 } });
    await operate(base, 'clear');
    await fetch(`${base}/api/overview`);
    await sleep(1200);
    expect((await status(base)).keys.map((k: { key: string }) => k.key)).to.not.include('overview');
  });

  it('answers around the cache while Redis is away, and says so; its status is a 503 that says why', async () => {
    const base = await server({ redis: 'own' });
    expect(cacheStatus(await fetch(`${base}/api/overview`))).to.match(/^app-cache; fwd=miss; /);
    await executeServerCommand('fresh-server', { stopRedis: base.replace('localhost', '127.0.0.1') });
    const around = await fetch(`${base}/api/overview`);
    expect(around.status).to.equal(200);
    expect(cacheStatus(around)).to.equal('app-cache; fwd=bypass; detail="unavailable"');
    expect(await around.json()).to.have.property('visitors');
    const s = await fetch(`${base}/api/cache/status`);
    expect(s.status).to.equal(503);
    expect((await s.json()).error).to.match(/^The cache's store did not answer/);
  });
});
