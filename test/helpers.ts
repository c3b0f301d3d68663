import { setupWorker } from 'msw/browser';
import { http, HttpResponse, passthrough, type RequestHandler } from 'msw';
import sinon from 'sinon';
import type { ReadableAtom } from 'nanostores';
import { $sources } from '../src/stores/sources.js';
import { $tabs } from '../src/stores/tabs.js';
import { countStats } from '../src/data/stats-hook.js';

let counter = 0;
/** The last URL number handed out before the current test began. */
let boundary = 0;
beforeEach(() => (boundary = counter));
afterEach(() => (boundary = counter));

/** Whether a URL was handed out to an earlier test (a request still on its way when it ended). */
function earlier(url: string): boolean {
  const n = Number(new URL(url).pathname.match(/-(\d+)$/)?.[1]);
  return n > 0 && n <= boundary;
}

/**
 * One msw worker per test file; each test resets its handlers after it. An unhandled request is
 * an error, except a late one for an earlier test's URL, which gets a quiet 410.
 */
export async function startNetwork(...handlers: RequestHandler[]) {
  // The tests read the figures: counted from the start (a page counts them once something watches
  // them; test/data/stats-lazy.test.ts holds that).
  await countStats();
  const late = http.all('/api/*', ({ request }) => (earlier(request.url) ? new HttpResponse(null, { status: 410 }) : undefined));
  const worker = setupWorker(...handlers, late);
  await worker.start({
    quiet: true,
    onUnhandledRequest(request, print) {
      if (new URL(request.url).pathname.startsWith('/api/')) print.error();
    },
  });
  return worker;
}

/** Resolves with the store's value once `predicate` holds (now or later). No timers: works under fake clocks. */
export function until<T>(store: ReadableAtom<T>, predicate: (value: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    let done = false;
    const off = store.subscribe((value) => {
      if (done || !predicate(value)) return;
      done = true;
      queueMicrotask(() => off());
      resolve(value);
    });
    if (done) off();
  });
}

/** Removes every source the test made, so the next test starts from an empty page. */
export function disposeAll(): void {
  for (const source of [...$sources.get().values()]) source.dispose();
}

/** A fresh URL per test, so no two tests share browser cache entries. */
export const url = (path: string) => `/api/${path}-${++counter}`;

/** Waits for real time, for tests that must let real I/O happen (not under fake timers). */
export const pause = (ms = 0) => new Promise((r) => setTimeout(r, ms));

/** Records the requests a handler sees and lets a test wait for the n-th one. */
export class Recorder {
  readonly requests: Request[] = [];
  #waiters: { n: number; resolve: () => void }[] = [];

  add(request: Request): void {
    this.requests.push(request);
    this.#waiters = this.#waiters.filter((w) => (this.requests.length >= w.n ? (w.resolve(), false) : true));
  }

  /** Resolves once `n` requests in all have arrived. */
  count(n: number): Promise<void> {
    if (this.requests.length >= n) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ n, resolve }));
  }

  get last(): Request {
    return this.requests[this.requests.length - 1];
  }
}

/**
 * A fresh endpoint whose answers wait until the test releases them. Each answer is
 * `{ n }`, the number of the request it answers.
 */
export function gatedEndpoint(worker: { use: (...h: RequestHandler[]) => void }, name = 'gated') {
  const path = url(name);
  const rec = new Recorder();
  const gates: (() => void)[] = [];
  worker.use(
    http.get(path, async ({ request }) => {
      rec.add(request);
      const n = rec.requests.length;
      await new Promise<void>((r) => gates.push(r));
      return HttpResponse.json({ n });
    }),
  );
  return {
    path,
    rec,
    /** Lets the oldest waiting answer go. */
    releaseOne: () => gates.shift()?.(),
    /** Lets every waiting answer go. */
    releaseAll: () => gates.splice(0).forEach((g) => g()),
  };
}

/**
 * A fresh Server-Sent Events endpoint the test writes to by hand. Each connection is kept, so
 * a test can send to, end or break the latest one and read the `Last-Event-ID` it came with.
 * With `then`, only the first request opens a stream: every reconnection gets `then()`.
 */
export function sseEndpoint(worker: { use: (...h: RequestHandler[]) => void }, name = 'stream', then?: () => Response) {
  const path = url(name);
  const rec = new Recorder();
  // msw records the request; the stream itself is a real one (see web-test-runner.config.mjs).
  worker.use(
    http.get(path, ({ request }) => {
      rec.add(request);
      if (then && rec.requests.length > 1) return then();
      return passthrough();
    }),
  );
  // One control at a time, in the order the test gave them; a failed one is kept for `flushed()`
  // (one still queued when its test ended finds no stream, and must not trouble the next test).
  let queue = Promise.resolve();
  let failed: Error | undefined;
  const control = (op: string, body?: string | Uint8Array) =>
    void (queue = queue.then(async () => {
      const res = await fetch(`/__sse/control?path=${encodeURIComponent(path)}&op=${op}`, { method: 'POST', body: body as BodyInit | undefined });
      if (!res.ok) failed ??= new Error(`sseEndpoint ${path}: ${op}: ${await res.text()}`);
    }));
  return {
    path,
    rec,
    /** Writes raw text (or bytes) to the latest connection. */
    send: (chunk: string | Uint8Array) => control('send', chunk),
    /** Writes each chunk to the latest connection, one every `ms`, timed by the server. */
    pace: (chunks: string[], ms: number) => control(`pace&every=${ms}`, JSON.stringify(chunks)),
    /** Ends the latest connection cleanly. */
    end: () => control('end'),
    /** Breaks the latest connection, as a network failure would. */
    fail: () => control('fail'),
    /** Resolves once every control given so far reached the server; rejects if one found no stream. */
    flushed: () =>
      queue.then(() => {
        if (failed) throw failed;
      }),
  };
}

/**
 * Lets a test hide and show the page: `document.visibilityState` follows `set()`, which also
 * fires `visibilitychange`. Install in `beforeEach`, remove in `afterEach`.
 */
export function pageVisibility() {
  let state: DocumentVisibilityState = 'visible';
  return {
    install() {
      state = 'visible';
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    },
    remove() {
      delete (document as { visibilityState?: unknown }).visibilityState;
    },
    /** Sets the state; `quietly` skips the event (a page that starts hidden). */
    set(next: DocumentVisibilityState, quietly = false) {
      state = next;
      if (!quietly) document.dispatchEvent(new Event('visibilitychange'));
    },
  };
}

/** Origins a source went through, for asserting one never showed (say, `cache`). */
export function origins(source: { $state: ReadableAtom<{ origin: string }> }): string[] {
  const seen: string[] = [];
  source.$state.subscribe((s) => seen.push(s.origin));
  return seen;
}

/** Resolves once the named source leads its tab group (or works alone): it fetches from then on. */
export const elected = (name: string) => until($tabs, (t) => t[name]?.role === 'leader' || t[name]?.role === 'independent');

/**
 * The usual setup of a test file: one msw worker, and after each test every source disposed,
 * the handlers reset and sinon's fakes restored.
 */
export async function testNetwork() {
  const worker = await startNetwork();
  afterEach(async () => {
    disposeAll();
    worker.resetHandlers();
    sinon.restore();
    await endStreams();
  });
  return worker;
}

/**
 * Ends the real streams of `sseEndpoint`: every file that opens them calls it after each test.
 * Disposing a source aborts its fetch, but Firefox's service worker does not pass the abort on, and
 * each stream left open holds one of the six connections Firefox opens to a host: the seventh
 * request, stream or not, would wait for ever.
 */
export const endStreams = () => fetch('/__sse/control?op=reset', { method: 'POST' }).then(() => undefined);

/** A string that would run script if it ever became markup. */
export const XSS = '<img src=x onerror="window.__xss = 1">';
