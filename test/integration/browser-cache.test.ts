// The browser's own HTTP cache, for real: the reference server plays a host API that lets it keep
// answers (`max-age`, `Expires`, a `Last-Modified` long past, which browsers keep by heuristic),
// and pages visit it again once the data went stale. A second visit must reach the server and say
// what the server said then, and never show an answer the browser kept as live. (WebKit under
// WebDriver keeps no HTTP cache: there each test says so in its title, and checks only that the
// server was asked; the model-based test holds the cache's rules in every engine.)
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../wait.js';
import type { LiveSourceBadge, SourceState } from '../../src/index.js';
import { bundle, control } from './reference.js';

declare const REFERENCE_URL: string;
type Overview = { visitors: number; generatedAt: string };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let n = 0;

afterEach(async () => {
  for (const source of [...bundle.$sources.get().values()]) source.dispose();
  await control('faults', { reset: true });
});

/** A page opening on the source: resolves once its first fetch ended, with what it says. */
async function visit(src: string) {
  const name = `visit-${++n}`;
  const source = bundle.createSource<Overview>(name, { src, ttl: '1s', tabs: 'independent', retry: { attempts: 0 } });
  const page = await fixture(html`<live-source-badge source=${name}></live-source-badge>`);
  const ended = (s: SourceState<Overview>) => s.status === 'idle' || s.status === 'error';
  await waitUntil(() => ended(source.state), `${name}: the first fetch never ended`, { timeout: 8000 });
  const badge = page as LiveSourceBadge;
  await badge.updateComplete;
  return { source, badge, state: source.state };
}

/** The API requests the server received for one page's URL (a GET: a POST clears the log). */
const received = async (search: string) =>
  ((await fetch(`${REFERENCE_URL}/api/_control/requests`).then((r) => r.json())) as { requests: { search: string }[] }).requests.filter((r) =>
    r.search.startsWith(search),
  ).length;

describe('the browser’s own HTTP cache never answers for the widgets', function () {
  this.timeout(20_000);

  before(async function () {
    // Does this engine keep answers at all? The same URL twice, asking for a kept copy.
    await control('faults', { caching: 'max-age', maxAge: 600, validators: false });
    const probe = `?cache-probe=${Date.now()}`;
    for (let i = 0; i < 2; i++) await fetch(`${REFERENCE_URL}/api/overview${probe}`, { cache: 'force-cache' }).then((r) => r.text());
    await control('faults', { reset: true });
    if ((await received(probe)) === 2)
      for (const test of this.test!.parent!.tests) test.title += ' (this engine keeps no HTTP cache here: only the asking is checked)';
  });

  for (const caching of ['max-age', 'expires', 'last-modified'] as const) {
    it(`a second visit after the data went stale asks the server, and says what it said then (${caching})`, async () => {
      await control('faults', { caching, maxAge: 600 });
      const search = `?visit=${caching}-${Date.now()}`;
      const src = `${REFERENCE_URL}/api/overview${search}`;
      const first = await visit(src);
      expect(first.state.origin).to.equal('live');
      first.source.dispose();
      await sleep(1500);

      const before = await received(search);
      const again = await visit(src);
      expect(await received(search), 'the second visit never reached the server').to.equal(before + 1);
      expect(again.state).to.include({ origin: 'live', servedBy: null, stale: false });
      expect(Date.now() - again.state.updatedAt!).to.be.below(1000);
      expect(again.badge.state).to.equal('live');

      // The server fails now: a third visit shows the failure, not the answer the browser kept.
      await control('faults', { status: 500 });
      const third = await visit(src);
      expect(third.state.status).to.equal('error');
      expect(third.state.data).to.equal(undefined);
      expect(third.badge.state).to.equal('error');
    });
  }

  it('an API that sends no caching headers at all is asked each visit too', async () => {
    await control('faults', { caching: 'none' });
    const search = `?visit=none-${Date.now()}`;
    (await visit(`${REFERENCE_URL}/api/overview${search}`)).source.dispose();
    const again = await visit(`${REFERENCE_URL}/api/overview${search}`);
    expect(await received(search)).to.equal(2);
    expect(again.state.origin).to.equal('live');
  });
});
