// The headless CDN entry (dist/cdn/data.js), from another origin as a CDN serves it: a page that
// polls downloads neither the stream client nor the offline cache; each comes when it is used.
import { expect } from '@open-wc/testing';
import { counting, waitUntil } from '../wait.js';

declare const REFERENCE_URL: string;
const BASE = `${REFERENCE_URL}/dist/cdn/`;
type Data = typeof import('../../src/data.js');
// Room for every resource of the page in the timeline (the default keeps the first 250).
performance.setResourceTimingBufferSize(5000);

/** The CDN's chunks this page fetched so far. */
const chunks = () =>
  performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((name) => name.startsWith(`${BASE}chunks/`))
    .map((name) => name.slice(BASE.length));

describe('the headless CDN entry', () => {
  it('loads no stream client, parser or figures and no offline cache for a polling source; clearCache() brings the cache', async () => {
    const data: Data = await import(/* @vite-ignore */ `${BASE}data.js`);
    const source = data.createSource('headless', { src: `${REFERENCE_URL}/api/overview`, tabs: 'independent' });
    source.$state.listen(() => {});
    await waitUntil(() => source.state.origin === 'live', 'the source never loaded');
    expect(
      chunks().filter((c) => /^chunks\/(stream|streams|sse|cache|health|stats|tabs)-/.test(c)),
      'a data feature the page does not use',
    ).to.deep.equal([]);
    // The parser has its own entry, which brings its chunk…
    const sse: typeof import('../../src/sse.js') = await import(/* @vite-ignore */ `${BASE}sse.js`);
    const parsed: unknown[] = [];
    new sse.SseParser({ message: (m) => parsed.push(m.data) }).feed('data: 1\n\n');
    expect(parsed).to.deep.equal(['1']);
    expect(data).not.to.have.property('SseParser');
    expect(data).not.to.have.property('$streams');
    // …and clearing the cache loads the cache's code then.
    await data.clearCache();
    expect(
      chunks().some((c) => /^chunks\/cache-/.test(c)),
      'clearCache() did not load the cache',
    ).to.equal(true);
    source.dispose();
  });

  it('leaves the health judgement and the report to diagnostics.js, which judges the same sources', async () => {
    const data: Data = await import(/* @vite-ignore */ `${BASE}data.js`);
    expect(data).not.to.have.property('$health');
    expect(data).not.to.have.property('$diagnostics');
    expect(data).not.to.have.property('diagnosticsReport');
    const diagnostics: typeof import('../../src/diagnostics.js') = await import(/* @vite-ignore */ `${BASE}diagnostics.js`);
    const source = data.createSource('judged', { src: `${REFERENCE_URL}/api/overview`, tabs: 'independent' });
    const off = diagnostics.$health.listen(() => {});
    source.$state.listen(() => {});
    // Watching $health counts the figures ($diagnostics; their code loads meanwhile) and judges them.
    await waitUntil(() => source.state.origin === 'live', 'the source never loaded');
    // Counting starts once the figures' code has come (a round trip after watching began): a
    // request made before that is not counted, so refresh only then (Firefox under load once
    // finished both requests first).
    await waitUntil(() => counting(), 'the figures never started counting');
    await source.refresh();
    await waitUntil(() => (diagnostics.$diagnostics.get().judged?.successes ?? 0) >= 1, 'the request was never counted');
    await waitUntil(() => diagnostics.$health.get().sources.judged !== undefined, 'the source was never judged');
    expect(diagnostics.diagnosticsReport().sources.map((s: { name: string }) => s.name)).to.include('judged');
    off();
    source.dispose();
  });
});
