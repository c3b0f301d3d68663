// Real shared caches in front of the reference server: Varnish and nginx's proxy_cache, each with
// its configuration as deploy/caches ships it, and a gate between the cache and its app that the
// tests shut to play the app going down (web-test-runner.config.mjs starts them where installed).
// Through each, what the widgets say must be what happened: the cache named that answered, a copy
// never live and never younger than it is, a forced refresh reaching the app, a stale copy served
// while the app fails shown as old data, and the cache's own error page a clear error.
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../wait.js';
import type { LiveErrorAlert, LiveSourceBadge, SourceOptions, SourceState } from '../../src/index.js';
import { bundle } from './reference.js';

type Deployment = { url?: string; app?: string; skip?: string; error?: string };
declare const CACHES: { varnish: Deployment; nginx: Deployment };

type Overview = { visitors: number; generatedAt: string };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const hint = (badge: Element) => badge.shadowRoot!.querySelector('[part=badge]')!.getAttribute('title');
let n = 0;

afterEach(() => {
  for (const source of [...bundle.$sources.get().values()]) source.dispose();
});

for (const [key, name] of [
  ['varnish', 'Varnish'],
  ['nginx', 'nginx'],
] as const) {
  const cache = CACHES[key];
  const control = (action: string) => fetch(`/__caches/${action}?cache=${key}`).then((r) => r.json());
  const faults = (body: unknown) =>
    fetch(`${cache.app}/api/_control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) =>
      r.json(),
    );
  const requests = () => fetch(`${cache.app}/api/_control/requests`).then((r) => r.json() as Promise<{ requests: { path: string; search: string }[] }>);

  /** A page opening and showing a source through the cache: resolves with its state once its first fetch ended. */
  async function visit(src: string, options: SourceOptions<Overview> = {}) {
    const source = bundle.createSource<Overview>(`${key}-${++n}`, { src, tabs: 'independent', retry: { attempts: 0 }, ...options });
    const page = await fixture(html`<div>
      <live-source-badge source=${source.name}></live-source-badge>
      <live-error-alert source=${source.name}></live-error-alert>
    </div>`);
    const ended = (s: SourceState<Overview>) => s.status === 'idle' || s.status === 'error';
    await waitUntil(() => ended(source.state), `${source.name}: the first fetch through ${name} never ended`, { timeout: 8000 });
    const badge = page.querySelector<LiveSourceBadge>('live-source-badge')!;
    const alert = page.querySelector<LiveErrorAlert>('live-error-alert')!;
    await Promise.all([badge.updateComplete, alert.updateComplete]);
    return { source, badge, alert, state: source.state };
  }

  const title = cache.skip ? `through ${name} (skipped: ${cache.skip})` : `through ${name} (deploy/caches)`;
  describe(title, function () {
    this.timeout(20_000);
    let src = '';

    before(function () {
      if (cache.skip) this.skip();
      if (cache.error) throw new Error(`${name} is installed but did not start: ${cache.error}`);
    });
    beforeEach(async () => {
      src = `${cache.url}/api/overview?page=${++n}`;
      await control('origin-up');
      await control('purge');
      await faults({ reset: true });
    });
    afterEach(() => control('origin-up'));

    it(`names ${name} for a copy it kept, with its age, and never calls it live once past the ttl`, async () => {
      await faults({ caching: 'max-age', maxAge: 600 });
      const first = await visit(src, { ttl: '1s' });
      expect(first.state).to.include({ origin: 'live', servedBy: null });
      first.source.dispose();
      // Past three seconds the copy is two seconds old at least, whatever second its Date fell in
      // (nginx counts whole seconds, and a Date's second is read at its middle).
      await sleep(3100);
      const again = await visit(src, { ttl: '1s' });
      expect(again.state).to.include({ origin: 'server-cache', servedBy: name, stale: true });
      expect(again.state.data).to.deep.equal(first.state.data);
      expect(Date.now() - again.state.updatedAt!).to.be.at.least(2000);
      expect(again.badge.state).to.equal('cache');
      expect(hint(again.badge)).to.match(new RegExp(`^Cached by ${name}, [2345] seconds old;`));
      await expect(again.badge).to.be.accessible();
    });

    it('lets a forced refresh reach the app, shows its new value, and the copy everyone gets is that one', async () => {
      await faults({ caching: 'max-age', maxAge: 600 });
      (await visit(src)).source.dispose();
      await sleep(1200);
      const { source, badge } = await visit(src);
      const copy = source.state.data!;
      expect(source.state.servedBy).to.equal(name);
      await source.refresh();
      await badge.updateComplete;
      expect(source.state).to.include({ origin: 'live', servedBy: null, status: 'idle' });
      expect(Date.parse(source.state.data!.generatedAt)).to.be.above(Date.parse(copy.generatedAt));
      expect(badge.state).to.equal('live');
      expect((await requests()).requests.some((r) => r.search.includes('_t='))).to.equal(true);
      // The next page gets the refreshed copy from the cache.
      const next = await visit(src);
      expect(next.state.servedBy).to.equal(name);
      expect(next.state.data).to.deep.equal(source.state.data);
    });

    it('shows the stale copy it serves while the app is down as old data, with its age', async () => {
      await faults({ caching: 'max-age', maxAge: 1 });
      const first = await visit(src, { ttl: '10s' });
      expect(first.state.origin).to.equal('live');
      first.source.dispose();
      await sleep(3100);
      await control('origin-down');
      const down = await visit(src, { ttl: '10s' });
      expect(down.state).to.include({ origin: 'server-cache', servedBy: name, status: 'idle' });
      expect(down.state.data).to.deep.equal(first.state.data);
      expect(Date.now() - down.state.updatedAt!).to.be.at.least(2000);
      expect(down.badge.state).to.equal('cache');
      expect(hint(down.badge)).to.match(new RegExp(`^Cached by ${name}, [2345] seconds old;`));
    });

    it('gives a forced refresh the app’s error, and the next page the stale copy still', async () => {
      await faults({ caching: 'max-age', maxAge: 1 });
      const { source } = await visit(src, { ttl: '10s' });
      await sleep(2100);
      await faults({ status: 500 });
      await source.refresh();
      expect(source.state.error?.status).to.equal(500);
      expect(source.state.data).not.to.equal(undefined);
      const next = await visit(src, { ttl: '10s' });
      expect(next.state).to.include({ origin: 'server-cache', servedBy: name, status: 'idle' });
      expect(next.state.data).to.deep.equal(source.state.data);
    });

    it('takes its own error page for a clear error, and keeps the last value on screen', async () => {
      const { source, badge, alert } = await visit(src);
      expect(source.state.origin).to.equal('live');
      const before = source.state.data;
      await control('origin-down');
      await source.revalidate();
      await Promise.all([badge.updateComplete, alert.updateComplete]);
      const error = source.state.error!;
      // Varnish: "503 Backend fetch failed" (with a Retry-After); nginx: "502 Bad Gateway". Both are web pages, not data.
      expect(error.status).to.equal(key === 'varnish' ? 503 : 502);
      expect(error.kind).to.equal(key === 'varnish' ? 'rate-limited' : 'http');
      expect(source.state.data).to.deep.equal(before);
      expect(badge.state).to.be.oneOf(['error', 'retrying']);
      expect(alert.open).to.equal(true);
    });
  });
}
