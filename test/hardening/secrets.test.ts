// A token given to a source goes to the server it is for and nowhere else: not IndexedDB,
// localStorage, the other tabs, the diagnostics (panel and report), the console, or an error.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import sinon from 'sinon';
import '../../src/index.js';
import { clearCache } from '../../src/data/cache.js';
import { createSource } from '../../src/data/source.js';
import { $errorLog, $errors } from '../../src/stores/errors.js';
import { diagnosticsReport } from '../../src/stores/report.js';
import { disposeAll, endStreams, Recorder, sseEndpoint, startNetwork, until, url } from '../helpers.js';

const TOKEN = 'tok-7f3a9c-never-stored';
const worker = await startNetwork();

/** Every value this origin keeps on the device: all IndexedDB databases and both storages. */
async function everythingStored(): Promise<string> {
  const dump: unknown[] = [];
  for (const { name } of await indexedDB.databases()) {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name!);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    for (const storeName of db.objectStoreNames) {
      const store = db.transaction(storeName).objectStore(storeName);
      const all = (what: 'getAll' | 'getAllKeys') =>
        new Promise((resolve) => {
          const r = store[what]();
          r.onsuccess = () => resolve(r.result);
        });
      dump.push(name, storeName, await all('getAllKeys'), await all('getAll'));
    }
    db.close();
  }
  for (const storage of [localStorage, sessionStorage]) {
    for (let i = 0; i < storage.length; i++) dump.push(storage.key(i), storage.getItem(storage.key(i)!));
  }
  return JSON.stringify(dump);
}

/** Every argument of every console call, as text. */
function consoleSpy() {
  const calls: unknown[][] = [];
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    sinon.stub(console, level).callsFake((...args: unknown[]) => void calls.push(args));
  }
  return () =>
    calls.map((args) => args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' ')).join('\n');
}

afterEach(async () => {
  disposeAll();
  worker.resetHandlers();
  sinon.restore();
  localStorage.clear();
  await clearCache();
  await endStreams();
});

describe('secrets', () => {
  it('a token in headers and in the URL reaches the server and no other place', async () => {
    const printed = consoleSpy();
    const broadcast: unknown[] = [];
    const path = url('secret');
    const rec = new Recorder();
    let fail = false;
    worker.use(
      http.get(path, ({ request }) => {
        rec.add(request);
        return fail ? HttpResponse.json({ message: 'Database down' }, { status: 500 }) : HttpResponse.json({ visitors: 7 }, { headers: { etag: '"v1"' } });
      }),
    );
    const sse = sseEndpoint(worker);
    // Another tab of the same user: it asks who is there, then says it shows the same source, so
    // the leader sends it every state.
    const channel = new BroadcastChannel('live-widgets:user-1');
    channel.onmessage = (e) => {
      broadcast.push(e.data);
      if (e.data.t === 'hello') channel.postMessage({ t: 'hello', from: 'other-tab', visible: true, keys: e.data.keys });
    };

    const page = await fixture(html`<div>
      <live-value source="secret" path="visitors"></live-value>
      <live-error-alert></live-error-alert>
      <live-auto-refresh source="secret"></live-auto-refresh>
      <live-diagnostics open></live-diagnostics>
    </div>`);
    const source = createSource('secret', {
      src: `${path}?token=${TOKEN}&page=1`,
      stream: `${sse.path}?access_token=${TOKEN}`,
      headers: () => ({ authorization: `Bearer ${TOKEN}`, 'x-api-key': TOKEN }),
      persist: true,
      namespace: 'user-1',
      retry: { attempts: 1, base: '10ms' },
    });
    await until(source.$state, (s) => s.origin === 'live');
    channel.postMessage({ t: 'who', from: 'other-tab' });
    // The word makes this lone tab load the protocol of several tabs first (10 s: the dev server
    // compiles it on first use, with three browsers at work).
    await waitUntil(() => broadcast.some((m) => (m as { t: string }).t === 'state'), 'the leader never spoke to the other tab', { timeout: 10_000 });
    // The server did get it, both ways.
    expect(rec.last.headers.get('authorization')).to.equal(`Bearer ${TOKEN}`);
    expect(new URL(rec.last.url).searchParams.get('token')).to.equal(TOKEN);
    await sse.rec.count(1);
    expect(sse.rec.last.headers.get('x-api-key')).to.equal(TOKEN);

    // The user turns auto-refresh on (remembered in localStorage), then the server fails.
    page.querySelector('live-auto-refresh')!.shadowRoot!.querySelector<HTMLInputElement>('input')!.click();
    fail = true;
    await source.refresh().catch(() => {});
    await until(source.$state, (s) => s.status === 'error');
    sse.fail();
    await waitUntil(() => $errorLog.get().length > 0);
    const panel = page.querySelector('live-diagnostics')!;
    await (panel as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    source.dispose(); // flushes the cache write

    const stored = await everythingStored();
    expect(stored, 'the cache was not written at all').to.include('visitors');
    expect(stored).not.to.include(TOKEN);
    expect(JSON.stringify(diagnosticsReport())).not.to.include(TOKEN);
    expect(JSON.stringify([$errors.get(), $errorLog.get()])).not.to.include(TOKEN);
    expect(panel.shadowRoot!.textContent).not.to.include(TOKEN);
    expect(page.querySelector('live-error-alert')!.shadowRoot!.textContent).not.to.include(TOKEN);
    expect(JSON.stringify(broadcast)).not.to.include(TOKEN);
    expect(printed()).not.to.include(TOKEN);
    channel.close();
  });

  it('keeps one user’s cached data from another on the same device', async () => {
    const path = url('mine');
    worker.use(http.get(path, () => HttpResponse.json({ owner: 'alice' })));
    const alice = createSource('account', { src: path, persist: true, namespace: 'alice' });
    await until(alice.$state, (s) => s.origin === 'live');
    alice.dispose();

    // Bob signs in on the same browser while the server is down: he sees nothing of Alice's.
    worker.use(http.get(path, () => HttpResponse.error()));
    const bob = createSource('account', { src: path, persist: true, namespace: 'bob', retry: { attempts: 1 } });
    bob.$state.listen(() => {});
    const settled = await until(bob.$state, (s) => s.status === 'error');
    expect(settled.data).to.equal(undefined);
    bob.dispose();
    // Alice, back, sees hers.
    const again = createSource('account', { src: path, persist: true, namespace: 'alice', retry: { attempts: 1 } });
    again.$state.listen(() => {});
    const cached = await until(again.$state, (s) => s.origin === 'cache');
    expect(cached.data).to.deep.equal({ owner: 'alice' });
  });
});
