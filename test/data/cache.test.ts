import { expect } from '@open-wc/testing';
import { createStore, get, set } from 'idb-keyval';
import { http, HttpResponse } from 'msw';
import sinon from 'sinon';
import { clearCache } from '../../src/data/cache.js';
import { createSource } from '../../src/data/source.js';
import { $diagnostics } from '../../src/stores/diagnostics.js';
import { disposeAll, elected, gatedEndpoint, origins, Recorder, startNetwork, until, url } from '../helpers.js';

const worker = await startNetwork();
let store = createStore('live-widgets', 'sources');

/**
 * The test's own reads and writes, each on a fresh connection when one did not answer in 8 s (as
 * the product does after a second): once in WebKit, with other browsers at work, a page's
 * IndexedDB never answered, and a hung request said nothing of where it hung.
 */
async function raw<R>(what: string, op: (s: typeof store) => Promise<R>): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), 8000)));
    const result = await Promise.race([op(store), late]).finally(() => clearTimeout(timer));
    if (result !== 'late') return result;
    if (attempt === 3) throw new Error(`IndexedDB did not answer the test's ${what} in 3 connections of 8 s each.`);
    store = createStore('live-widgets', 'sources');
  }
}
const read = <R = unknown>(k: string[]) => raw(`read of ${k.join('/')}`, (s) => get<R>(k, s));
const write = (k: string[], value: unknown) => raw(`write of ${k.join('/')}`, (s) => set(k, value, s));

afterEach(async function () {
  this.timeout(30_000);
  disposeAll();
  worker.resetHandlers();
  sinon.restore();
  await clearCache();
});

/** Writes a record as an earlier visit would have left it. */
const seed = (namespace: string, name: string, record: Record<string, unknown>) => write([namespace, name], { v: 1, ...record });

function serve(respond: (request: Request) => Response) {
  const path = url('cached');
  const rec = new Recorder();
  worker.use(http.get(path, ({ request }) => (rec.add(request), respond(request))));
  return { path, rec };
}

const listen = (source: { $state: { subscribe: (l: () => void) => () => void } }) => source.$state.subscribe(() => {});

describe('offline cache', function () {
  // Real IndexedDB: its first opening in WebKit, with two other browsers at work, once took over
  // the default 10 s.
  this.timeout(30_000);

  it('shows the cached data before the network answers, then revalidates with its validators', async () => {
    const updatedAt = Date.now() - 60_000;
    await seed('', 'm', { data: { n: 'cached' }, updatedAt, etag: '"e1"', lastModified: 'Wed, 21 Oct 2026 07:28:00 GMT' });
    const { path, rec, releaseOne } = gatedEndpoint(worker);
    const source = createSource('m', { src: path, persist: true });
    listen(source);
    // Cached data on screen while the revalidation is out (the server has not answered).
    const shown = await until(source.$state, (s) => s.origin === 'cache' && s.status === 'refreshing');
    expect(shown).to.deep.include({ data: { n: 'cached' }, updatedAt });
    await rec.count(1);
    expect(rec.last.headers.get('if-none-match')).to.equal('"e1"');
    expect(rec.last.headers.get('if-modified-since')).to.equal('Wed, 21 Oct 2026 07:28:00 GMT');
    releaseOne();
    const live = await until(source.$state, (s) => s.origin === 'live');
    expect(live.data).to.deep.equal({ n: 1 });
  });

  it('turns cached data live on a 304, keeping the very same data', async () => {
    await seed('', 'm', { data: { n: 'cached' }, updatedAt: Date.now() - 5000, etag: '"e1"' });
    const { path } = serve((r) => (r.headers.get('if-none-match') === '"e1"' ? new HttpResponse(null, { status: 304 }) : HttpResponse.json({ n: 'new' })));
    const source = createSource('m', { src: path, persist: true });
    listen(source);
    const cached = await until(source.$state, (s) => s.origin === 'cache');
    const live = await until(source.$state, (s) => s.origin === 'live');
    expect(live.data).to.equal(cached.data);
    expect(live.updatedAt).to.be.greaterThan(cached.updatedAt!);
  });

  it('saves what the server sends, with its validators and never a header', async () => {
    const { path } = serve(() => HttpResponse.json({ n: 2 }, { headers: { etag: '"e2"' } }));
    const source = createSource('m', { src: path, persist: true, headers: { authorization: 'Bearer s3cret' } });
    const off = listen(source);
    await until(source.$state, (s) => s.origin === 'live');
    off();
    await until($diagnostics, (d) => (d.m?.cacheWrites ?? 0) >= 1);
    const record = await read(['', 'm']);
    expect(record).to.deep.include({ v: 1, data: { n: 2 }, etag: '"e2"' });
    expect(JSON.stringify(record)).not.to.contain('s3cret');
  });

  it('writes at most once a second however fast pushes come', async () => {
    const source = createSource<number>('m', { persist: true });
    listen(source);
    await elected('m');
    // The cache loads when a source asks for it (a dynamic import settles on a task of its own);
    // once it has, time is ours.
    await until($diagnostics, (d) => (d.m?.cacheReads ?? 0) >= 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
    for (let i = 1; i <= 100; i++) source.push(i);
    await clock.tickAsync(1000);
    await until($diagnostics, (d) => (d.m?.cacheWrites ?? 0) >= 1);
    expect($diagnostics.get().m!.cacheWrites).to.equal(1);
    expect((await read<{ data: number }>(['', 'm']))!.data).to.equal(100);
  });

  it('neither shows nor keeps data older than maxAge', async () => {
    await seed('', 'm', { data: 'old', updatedAt: Date.now() - 3 * 3_600_000 });
    const { path, rec, releaseOne } = gatedEndpoint(worker);
    const source = createSource('m', { src: path, persist: true, maxAge: '2h' });
    const seen = origins(source);
    await rec.count(1);
    releaseOne();
    await until(source.$state, (s) => s.origin === 'live');
    expect(seen).not.to.include('cache');
    expect(await read(['', 'm'])).to.equal(undefined);
  });

  it('keeps namespaces apart, and clearCache(namespace) removes only that one', async () => {
    await seed('alice', 'm', { data: 'alice', updatedAt: Date.now() });
    await seed('bob', 'm', { data: 'bob', updatedAt: Date.now() });
    const a = createSource('m', { persist: true, namespace: 'alice' });
    listen(a);
    expect((await until(a.$state, (s) => s.origin === 'cache')).data).to.equal('alice');
    a.dispose();
    await clearCache('alice');
    expect(await read(['alice', 'm'])).to.equal(undefined);
    expect(await read(['bob', 'm'])).to.deep.include({ data: 'bob' });
    const b = createSource('m', { persist: true, namespace: 'bob' });
    listen(b);
    expect((await until(b.$state, (s) => s.origin === 'cache')).data).to.equal('bob');
  });

  it('forgets one user’s data when its namespace becomes another’s: not shown, not kept, no validator carried over', async () => {
    let user = 'alice';
    const { path, rec } = serve((request) =>
      HttpResponse.json({ user: request.headers.get('x-user') }, { headers: { etag: `"${request.headers.get('x-user')}"`, 'cache-control': 'no-cache' } }),
    );
    const source = createSource('m', { src: path, persist: true, namespace: 'alice', headers: () => ({ 'x-user': user }) });
    listen(source);
    await until(source.$state, (s) => s.origin === 'live');
    // The record is written at most once a second.
    for (let i = 0; i < 40 && !(await read(['alice', 'm'])); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await read(['alice', 'm'])).to.deep.include({ data: { user: 'alice' } });
    const shown: unknown[] = [];
    user = 'bob';
    source.configure({ namespace: 'bob' });
    const off = source.$state.subscribe((s) => shown.push(s.data));
    expect(source.state.data, 'alice’s data, shown to bob').to.equal(undefined);
    expect(source.state.origin).to.equal('none');
    await until(source.$state, (s) => s.origin === 'live');
    off();
    expect(source.state.data).to.deep.equal({ user: 'bob' });
    expect(shown.filter((d) => (d as { user?: string } | undefined)?.user === 'alice')).to.deep.equal([]);
    expect(rec.last.headers.get('if-none-match'), 'alice’s validator, sent for bob').to.equal(null);
    for (let i = 0; i < 40 && !(await read(['bob', 'm'])); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await read(['bob', 'm'])).to.deep.include({ data: { user: 'bob' } });
    expect(await read(['alice', 'm'])).to.deep.include({ data: { user: 'alice' } });
  });

  it('ignores records of another format version', async () => {
    await write(['', 'm'], { v: 0, data: 'ancient', updatedAt: Date.now() });
    const { path, rec, releaseOne } = gatedEndpoint(worker);
    const source = createSource('m', { src: path, persist: true });
    const seen = origins(source);
    await rec.count(1);
    releaseOne();
    await until(source.$state, (s) => s.origin === 'live');
    expect(seen).not.to.include('cache');
  });
});

describe('offline cache failures', () => {
  it('records a value that cannot be stored, and keeps going', async () => {
    const source = createSource<unknown>('m', { persist: true });
    const off = listen(source);
    source.push({ fn: () => 1 });
    off(); // the source stops (a second later) and writes what is pending
    const stats = await until($diagnostics, (d) => (d.m?.cacheFailures ?? 0) >= 1);
    expect(stats.m!.cacheError).to.match(/DataCloneError/);
  });
});
