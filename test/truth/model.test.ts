// Model-based: fast-check drives long random sequences of server answers (200, 304, 404, 500, 429
// and 503 with Retry-After, time-outs, garbage, an unreachable server, answers aged in a cache),
// copies kept by shared caches (Varnish's `Age`, nginx's old `Date`, one with no header at all),
// the browser's own HTTP cache (as the Fetch standard's cache modes say it answers) across new
// visits, stream events and drops, pushes, refreshes, visibility, connectivity and clock jumps
// against the real data layer and the real elements, and after every step checks what a user
// would see:
// - "Live" only while the server confirmed the data within the ttl and no fetch failed since;
// - data never shown younger than the last moment the server vouched for it;
// - an error is shown while its cause lasts: a fetch that failed and was not mended since;
// - the last good value is never lost;
// - never two requests at once, and none sooner than a Retry-After allows;
// - the elements agree: "Live" is never beside "stale".
// The network is a scripted `fetch` returning real Responses (so the request, parsing and stream
// code run for real), and time is sinon's: fast, and jumpable.
// The seed is fixed so that CI is repeatable and the coverage guard below means the same thing on
// every run. To explore, run with another seed (SEED below); a counterexample found that way is fixed
// in the code and then kept as a case of its own in said.test.ts.
import { expect, fixture, html } from '@open-wc/testing';
import fc from 'fast-check';
import sinon from 'sinon';
import '../../src/index.js';
import type { LiveErrorAlert, LiveLastUpdated, LiveSourceBadge } from '../../src/index.js';
import { createSource, type Source } from '../../src/data/source.js';
import type { SourceOptions } from '../../src/data/options.js';
import { disposeAll, pageVisibility } from '../helpers.js';

const TTL = 20_000;
const SEED = 20_261_127;
const realTimeout = globalThis.setTimeout.bind(globalThis);
const realFetch = globalThis.fetch;
const visibility = pageVisibility();

type Answer =
  | { kind: 'ok'; maxAge: number }
  | { kind: 'same'; maxAge: number }
  | { kind: 'status'; status: 404 | 500 }
  | { kind: 'busy'; status: 429 | 503; wait: number }
  | { kind: 'hang' }
  | { kind: 'garbage' }
  | { kind: 'unreachable' }
  | { kind: 'aged'; age: number }
  /** A shared cache's copy made `age` ago: Varnish (`Age`, the origin's `Date`), nginx (its `Date`, no `Age`), or one no header tells of. */
  | { kind: 'copy'; by: 'Varnish' | 'nginx' | 'unmarked'; age: number };

/** What the browser's HTTP cache holds for the API: the last cacheable answer. */
interface Stored {
  body: string;
  etag: string;
  date: string;
  maxAge: number;
  /** Monotonic time it was stored or last revalidated. */
  at: number;
}

/** The server, and what it told the client: the truth the elements are held to. */
class World {
  answer: Answer = { kind: 'ok', maxAge: 0 };
  streamAnswer: 'open' | 'busy' | 'unreachable' = 'open';
  version = 1;
  inFlight = 0;
  maxInFlight = 0;
  /** Monotonic time of the last confirmation the client got first-hand (a 200 or 304 without Age, a push, an event). */
  confirmed = -Infinity;
  /** A fetch failed and no fetch succeeded since. */
  fetchFailing = false;
  /** Monotonic time before which no ordinary request may come (a Retry-After). */
  notBefore = 0;
  early: string[] = [];
  everData = false;
  streams: ReadableStreamDefaultController<Uint8Array>[] = [];
  online = true;
  /** The browser's HTTP cache. */
  stored: Stored | null = null;
  /** Each version and when it became current (monotonic). */
  history: { at: number; version: number }[] = [{ at: 0, version: 1 }];
  /** The last moment the origin vouched for each version: made it, confirmed it first-hand, or handed it to a cache. */
  vouched = new Map<number, number>();
  /** The client heard the server first-hand (a `Date` it can set its clock by) since the page opened. */
  heardFirstHand = false;
  /** The wall clock's jumps so far, in ms, and their total when the source last published its state. */
  jumped = 0;
  jumpedAtState = 0;

  /** The server's clock runs `skew` ahead of this browser's (as it was at the start), on the monotonic clock. */
  constructor(readonly skew: number) {
    this.history[0]!.at = this.now();
    this.vouched.set(1, this.now());
  }

  now = () => performance.now();
  readonly #base = Date.now() - performance.now();
  /** The server's `Date` for a monotonic moment: whole seconds. */
  date = (at = this.now()) => new Date(Math.floor((this.#base + this.skew + at) / 1000) * 1000).toUTCString();

  /** A new version, made now. */
  bump(): number {
    this.version++;
    this.history.push({ at: this.now(), version: this.version });
    this.vouched.set(this.version, this.now());
    return this.version;
  }

  vouch(version: number, at = this.now()): void {
    this.vouched.set(version, Math.max(this.vouched.get(version) ?? -Infinity, at));
  }

  versionAt(at: number): number {
    return [...this.history].reverse().find((h) => h.at <= at)?.version ?? 1;
  }

  fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), location.href);
    if (url.pathname.endsWith('/stream')) return this.#stream(init);
    return this.#browserCache(url, init);
  };

  /** The browser's HTTP cache, as the Fetch standard's cache modes say it answers. */
  async #browserCache(url: URL, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    const conditional = headers.has('if-none-match') || headers.has('if-modified-since');
    const mode = init.cache === 'default' && conditional ? 'no-store' : (init.cache ?? 'default');
    const stored = url.searchParams.has('_t') ? null : this.stored;
    const fresh = stored && this.now() - stored.at < stored.maxAge;
    if (stored && fresh && (mode === 'default' || mode === 'force-cache')) {
      // Served from the cache: the server hears nothing, and the answer keeps its old Date.
      return new Response(stored.body, { headers: { 'content-type': 'application/json', etag: stored.etag, date: stored.date } });
    }
    const revalidate = stored && (mode === 'default' || mode === 'no-cache') && !conditional;
    if (revalidate) headers.set('if-none-match', stored.etag);
    const res = await this.#server(url, { ...init, headers });
    if (revalidate && res.status === 304) {
      stored.date = res.headers.get('date')!;
      stored.at = this.now();
      return new Response(stored.body, { headers: { 'content-type': 'application/json', etag: stored.etag, date: stored.date } });
    }
    const maxAge = Number(/max-age=(\d+)/.exec(res.headers.get('cache-control') ?? '')?.[1] ?? 0) * 1000;
    if (res.status === 200 && maxAge > 0 && mode !== 'no-store' && mode !== 'reload' && !url.searchParams.has('_t')) {
      this.stored = { body: await res.clone().text(), etag: res.headers.get('etag')!, date: res.headers.get('date')!, maxAge, at: this.now() };
    }
    return res;
  }

  async #server(url: URL, init: RequestInit): Promise<Response> {
    const forced = url.searchParams.has('_t');
    if (!forced && this.now() < this.notBefore) this.early.push(`request at ${Math.round(this.now())} before ${Math.round(this.notBefore)}`);
    if (!this.online) throw new TypeError('Failed to fetch');
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      return await this.#answer(new Headers(init.headers).get('if-none-match'), forced, init.signal);
    } finally {
      this.inFlight--;
    }
  }

  async #answer(ifNoneMatch: string | null, forced: boolean, signal?: AbortSignal | null): Promise<Response> {
    const a = this.answer;
    const etag = `"v${this.version}"`;
    const good = (age = 0) => {
      // Answering again, the server has lifted its Retry-After.
      this.notBefore = 0;
      this.fetchFailing = false;
      if (age === 0) this.confirmed = this.now();
      if (age === 0) this.heardFirstHand = true;
      this.vouch(this.version, this.now() - age);
      this.everData = true;
    };
    const failed = () => void (this.fetchFailing = true);
    const date = this.date();
    const caching = (maxAge: number) => ({ date, 'cache-control': maxAge ? `public, max-age=${maxAge / 1000}` : 'no-cache' });
    switch (a.kind) {
      case 'ok':
        this.bump();
        good();
        return Response.json({ n: this.version }, { headers: { etag: `"v${this.version}"`, ...caching(a.maxAge) } });
      case 'same':
        good();
        if (ifNoneMatch === etag && !forced) return new Response(null, { status: 304, headers: { etag, ...caching(a.maxAge) } });
        return Response.json({ n: this.version }, { headers: { etag, ...caching(a.maxAge) } });
      case 'aged':
        good(a.age);
        return Response.json({ n: this.version }, { headers: { etag, date: this.date(this.now() - a.age), age: String(a.age / 1000) } });
      case 'copy': {
        // A forced refresh's `_t` misses every cache: the origin answers it. So it does a copy no
        // one can age: one no header tells of, before the client heard the server first-hand, and
        // nginx's (no Age), which it ages by its own clock then, with a server clock ahead of it.
        const unageable = a.by === 'unmarked' ? !this.heardFirstHand : a.by === 'nginx' && !this.heardFirstHand && this.skew > 0;
        if (forced || unageable) return (good(), Response.json({ n: this.version }, { headers: { etag, date } }));
        const made = this.now() - a.age;
        const version = this.versionAt(made);
        this.vouch(version, made);
        // A copy no header tells of is first-hand as far as anyone can know; its Date still ages it.
        if (a.by === 'unmarked') this.confirmed = Math.max(this.confirmed, made);
        this.notBefore = 0;
        this.fetchFailing = false;
        this.everData = true;
        const headers: Record<string, string> = { etag: `"v${version}"`, date: this.date(made) };
        if (a.by === 'Varnish') Object.assign(headers, { age: String(Math.floor(a.age / 1000)), 'cache-status': 'Varnish; hit; ttl=-1' });
        if (a.by === 'nginx') headers['cache-status'] = 'nginx; hit';
        return Response.json({ n: version }, { headers });
      }
      case 'status':
        failed();
        return Response.json({ message: 'no' }, { status: a.status, headers: { date } });
      case 'busy':
        failed();
        this.notBefore = this.now() + a.wait;
        return Response.json({ message: 'busy' }, { status: a.status, headers: { 'retry-after': String(a.wait / 1000), date } });
      case 'garbage':
        failed();
        return new Response('{"n": ', { headers: { 'content-type': 'application/json', date } });
      case 'unreachable':
        failed();
        throw new TypeError('Failed to fetch');
      case 'hang':
        // Never answers: the client's time-out ends it.
        return new Promise((_, reject) => {
          const stop = () => {
            failed();
            reject(new DOMException('The operation was aborted.', 'AbortError'));
          };
          if (signal?.aborted) stop();
          signal?.addEventListener('abort', stop);
        });
    }
  }

  /** Monotonic time before which no stream may reconnect (its Retry-After). */
  streamNotBefore = 0;

  #stream(init: RequestInit): Response {
    if (this.now() < this.streamNotBefore) this.early.push(`stream at ${Math.round(this.now())} before ${Math.round(this.streamNotBefore)}`);
    if (!this.online || this.streamAnswer === 'unreachable') throw new TypeError('Failed to fetch');
    if (this.streamAnswer === 'busy') {
      this.streamNotBefore = this.now() + 5000;
      return new Response(null, { status: 503, headers: { 'retry-after': '5' } });
    }
    this.streamNotBefore = 0;
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
    this.streams.push(controller);
    init.signal?.addEventListener('abort', () => {
      this.streams = this.streams.filter((c) => c !== controller);
      try {
        controller.error(new DOMException('aborted', 'AbortError'));
      } catch {
        /* already closed */
      }
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  }

  /** Sends an event on every open stream; the data counts as confirmed now. */
  event(): boolean {
    if (!this.streams.length) return false;
    this.bump();
    for (const c of this.streams) c.enqueue(new TextEncoder().encode(`event: m\ndata: {"n": ${this.version}}\n\n`));
    this.confirmed = this.now();
    this.everData = true;
    return true;
  }

  drop(): void {
    for (const c of this.streams.splice(0)) c.error(new TypeError('network error'));
  }
}

interface Real {
  world: World;
  source: Source<{ n: number }>;
  options: SourceOptions<{ n: number }>;
  clock: sinon.SinonFakeTimers;
  badge: LiveSourceBadge;
  updated: LiveLastUpdated;
  alert: LiveErrorAlert;
  value: Element;
}

/** Lets microtasks, stream reads and element updates finish. */
async function settle(r: Real): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await r.clock.tickAsync(0);
    await new Promise((resolve) => realTimeout(resolve, 0));
  }
  await Promise.all([r.badge, r.updated, r.alert].map((el) => el.updateComplete));
}

/** What the page shows must follow from what the server said. */
/** The badge states the runs reached: a model test that stops reaching them proves nothing. */
const reached = new Set<string>();

function check(r: Real, step: string): void {
  const { world, badge, updated, alert, value, source } = r;
  reached.add(badge.state);
  const shown = value.shadowRoot!.textContent!.trim();
  const at = `after ${step}`;
  if (badge.state === 'live') {
    expect(world.now() - world.confirmed, `"Live" with data older than the ttl, ${at}`).to.be.below(TTL);
    expect(world.fetchFailing, `"Live" after a failed fetch, ${at}`).to.equal(false);
    expect(updated.stale, `"Live" beside "stale", ${at}`).to.equal(false);
  }
  if (world.fetchFailing && source.state.status !== 'loading') {
    expect(source.state.error, `a failed fetch not shown, ${at}`).not.to.equal(null);
    expect(alert.open, `the alert closed while the fetch fails, ${at}`).to.equal(true);
    expect(['error', 'retrying', 'offline', 'reconnecting'], `the badge says ${badge.state} while the fetch fails, ${at}`).to.include(badge.state);
  }
  if (world.everData && source.state.data !== undefined) expect(shown, `the value went, ${at}`).not.to.equal('gone');
  expect(world.maxInFlight, `two requests at once, ${at}`).to.be.at.most(1);
  expect(world.early, `a request sooner than Retry-After allowed, ${at}`).to.deep.equal([]);
  expect(updated.stale, `last-updated disagrees with the source, ${at}`).to.equal(source.state.stale);
  // Never younger than it is: the server vouched for what is shown no later than the page says (within `Date`'s second).
  const { data, updatedAt, origin } = source.state;
  if (data && updatedAt !== null && origin !== 'fallback') {
    const vouched = world.vouched.get(data.n) ?? -Infinity;
    // `updatedAt` is in the wall clock of when it was published: a jump since does not count here.
    const shownAge = Date.now() - (world.jumped - world.jumpedAtState) - updatedAt;
    expect(shownAge, `version ${data.n} shown younger than it is, ${at}`).to.be.at.least(world.now() - vouched - 1500);
  }
}

type Cmd = fc.AsyncCommand<object, Real>;
const command = (name: string, run: (r: Real) => void | Promise<unknown>, when: (r: Real) => boolean = () => true): Cmd => ({
  check: () => true,
  async run(_, r) {
    if (!when(r)) return;
    await run(r);
    await settle(r);
    check(r, name);
  },
  toString: () => name,
});

const maxAge = fc.constantFrom(0, 600_000);
const answers: fc.Arbitrary<Answer> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('ok' as const), maxAge }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('same' as const), maxAge }) },
  fc.constantFrom<Answer>({ kind: 'status', status: 404 }, { kind: 'status', status: 500 }, { kind: 'hang' }, { kind: 'garbage' }, { kind: 'unreachable' }),
  fc.record({ kind: fc.constant('busy' as const), status: fc.constantFrom(429 as const, 503 as const), wait: fc.constantFrom(2000, 5000, 60_000) }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('aged' as const), age: fc.constantFrom(5000, 600_000) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('copy' as const),
      by: fc.constantFrom('Varnish' as const, 'nginx' as const, 'unmarked' as const),
      age: fc.constantFrom(5000, 30_000, 600_000),
    }),
  },
);

const commands = fc.commands(
  [
    answers.map((a) => command(`answer ${JSON.stringify(a)}`, (r) => void (r.world.answer = a))),
    answers.map((a) => command(`answer ${JSON.stringify(a)}`, (r) => void (r.world.answer = a))),
    fc.constantFrom('open', 'busy', 'unreachable').map((a) => command(`streams answer ${a}`, (r) => void (r.world.streamAnswer = a as World['streamAnswer']))),
    fc.constantFrom(500, 1000, 3000, 10_000, 25_000, 70_000).map((ms) => command(`${ms} ms pass`, (r) => r.clock.tickAsync(ms))),
    fc.constantFrom(300, 2000, 6000, 12_000).map((ms) => command(`${ms} ms pass`, (r) => r.clock.tickAsync(ms))),
    fc.constant(command('the user refreshes', (r) => void r.source.refresh())),
    fc.constant(command('the source revalidates', (r) => void r.source.revalidate())),
    fc.constant(
      command('the page is opened again (a new visit: the same browser cache)', async (r) => {
        r.source.dispose();
        await r.clock.tickAsync(0);
        // A new page knows nothing of the last one's: not its clock, nor a Retry-After it was told.
        r.world.heardFirstHand = false;
        r.world.notBefore = r.world.streamNotBefore = 0;
        r.source = createSource('m', r.options);
        r.source.$state.listen(() => (r.world.jumpedAtState = r.world.jumped));
      }),
    ),
    fc.constant(
      command('the host pushes data', (r) => {
        r.world.bump();
        r.world.confirmed = r.world.now();
        r.world.everData = true;
        r.source.push({ n: r.world.version });
      }),
    ),
    fc.constant(command('the stream sends an event', (r) => void r.world.event())),
    fc.constant(command('the stream drops', (r) => r.world.drop())),
    fc.boolean().map((hidden) => command(hidden ? 'the page hides' : 'the page shows', () => visibility.set(hidden ? 'hidden' : 'visible'))),
    fc.boolean().map((online) =>
      command(online ? 'the browser goes online' : 'the browser goes offline', (r) => {
        r.world.online = online;
        window.dispatchEvent(new Event(online ? 'online' : 'offline'));
      }),
    ),
    fc.constantFrom(-3_600_000, -30_000, 30_000, 3_600_000).map((ms) =>
      command(`the wall clock jumps ${ms / 1000} s`, (r) => {
        r.world.jumped += ms;
        r.clock.setSystemTime(Date.now() + ms);
      }),
    ),
  ],
  { maxCommands: 40, size: 'max' },
);

describe('a model of the server against the real data layer and elements', function () {
  this.timeout(120_000);
  let online: PropertyDescriptor | undefined;

  beforeEach(() => {
    visibility.install();
    online = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine');
  });
  afterEach(() => {
    visibility.remove();
    if (online) Object.defineProperty(Navigator.prototype, 'onLine', online);
    globalThis.fetch = realFetch;
    disposeAll();
  });

  it('never says more than is true, whatever the server, the network, the page and the clock do', async () => {
    await fc.assert(
      fc.asyncProperty(commands, fc.boolean(), fc.constantFrom(0, 3_600_000, -90_000), async (cmds, streaming, skew) => {
        const world = new World(skew);
        globalThis.fetch = world.fetch;
        Object.defineProperty(Navigator.prototype, 'onLine', { configurable: true, get: () => world.online });
        visibility.set('visible', true);
        const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
        const options: SourceOptions<{ n: number }> = {
          src: '/api/model',
          stream: streaming ? '/api/stream' : undefined,
          poll: '10s',
          ttl: TTL,
          timeout: '3s',
          retry: { attempts: 2, base: '1s', max: '8s' },
          tabs: 'independent',
        };
        const source = createSource<{ n: number }>('m', options);
        source.$state.listen(() => (world.jumpedAtState = world.jumped));
        const page = await fixture(html`<div>
          <live-value source="m" path="n" placeholder="gone"></live-value>
          <live-source-badge source="m"></live-source-badge>
          <live-last-updated source="m"></live-last-updated>
          <live-error-alert source="m"></live-error-alert>
        </div>`);
        const real: Real = {
          world,
          source,
          options,
          clock,
          badge: page.querySelector('live-source-badge')!,
          updated: page.querySelector('live-last-updated')!,
          alert: page.querySelector('live-error-alert')!,
          value: page.querySelector('live-value')!,
        };
        try {
          await settle(real);
          check(real, 'start');
          await fc.asyncModelRun(() => ({ model: {}, real }), cmds);
        } finally {
          real.source.dispose();
          page.remove();
          clock.restore();
        }
      }),
      { numRuns: 60, seed: SEED, includeErrorInReport: true },
    );
    expect([...reached].sort()).to.include.members(['cache', 'error', 'live', 'offline', 'reconnecting', 'retrying', 'stale']);
  });
});
