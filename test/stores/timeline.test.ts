import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { STORE_UNMOUNT_DELAY } from 'nanostores';
import { createSource } from '../../src/data/source.js';
import { $timeline, TIMELINE_LIMIT, type TimelineEntry } from '../../src/stores/timeline.js';
import { $diagnostics } from '../../src/stores/diagnostics.js';
import { disposeAll, startNetwork, until, url } from '../helpers.js';

const worker = await startNetwork();

afterEach(() => {
  disposeAll();
  worker.resetHandlers();
});

const causes = (entries: readonly TimelineEntry[] | undefined) => (entries ?? []).map((e) => e.cause);

describe('$timeline', () => {
  it('keeps nothing while nothing watches it', async () => {
    const source = createSource<number>('quiet');
    source.$state.listen(() => {});
    source.push(1);
    // Its value as it is (get() would watch it for a moment).
    expect($timeline.value).to.deep.equal({});
  });

  it('records each change of each source, in order, with its cause and what the source said', async () => {
    let status = 200;
    const path = url('timeline');
    worker.use(http.get(path, () => (status === 200 ? HttpResponse.json({ n: 1 }, { headers: { etag: '"1"' } }) : new HttpResponse('', { status }))));
    const source = createSource('orders', { src: path, retry: { attempts: 0 } });
    const off = $timeline.listen(() => {});
    source.$state.listen(() => {});
    await until(source.$state, (s) => s.origin === 'live');
    status = 500;
    await source.refresh();
    status = 200;
    await source.refresh();
    const entries = $timeline.get().orders!;
    off();
    expect(causes(entries)).to.include.ordered.members(['watched']);
    expect(causes(entries)).to.include('data');
    const failed = entries.find((e) => e.cause === 'failed')!;
    expect(failed.said.error).to.deep.include({ kind: 'http', status: 500 });
    expect(failed.said.status).to.equal('error');
    const i = entries.indexOf(failed);
    expect(causes(entries.slice(i))).to.include('recovered');
    expect(entries.at(-1)!.said.error).to.equal(null);
    for (let k = 1; k < entries.length; k++) expect(entries[k]!.at).to.be.at.least(entries[k - 1]!.at);
    // Unwatched (nanostores lets a store go a moment later), it lets go of everything.
    await new Promise((resolve) => setTimeout(resolve, STORE_UNMOUNT_DELAY + 100));
    expect($timeline.value).to.deep.equal({});
  });

  it('keeps the last changes within its limit', async () => {
    const source = createSource<number>('busy');
    const off = $timeline.listen(() => {});
    source.$state.listen(() => {});
    for (let n = 0; n < TIMELINE_LIMIT + 50; n++) source.push(n);
    const entries = $timeline.get().busy!;
    off();
    expect(entries).to.have.length(TIMELINE_LIMIT);
    expect(entries.every((e) => e.cause === 'data')).to.equal(true);
  });

  it('watches a source declared after it began, and stops watching one removed', async () => {
    const off = $timeline.listen(() => {});
    const late = createSource<number>('late');
    late.$state.listen(() => {});
    late.push(1);
    expect(causes($timeline.get().late)).to.deep.equal(['watched', 'data']);
    late.dispose();
    const kept = $timeline.get().late!.length;
    late.push(2);
    expect($timeline.get().late!.length).to.equal(kept);
    off();
  });

  it('tells a 304 from other confirmations, where the request figures are counted', async () => {
    const path = url('timeline-304');
    worker.use(
      http.get(path, ({ request }) =>
        request.headers.get('if-none-match') === '"1"' ? new HttpResponse(null, { status: 304 }) : HttpResponse.json({ n: 1 }, { headers: { etag: '"1"' } }),
      ),
    );
    const counting = $diagnostics.listen(() => {});
    const source = createSource('etagged', { src: path });
    const off = $timeline.listen(() => {});
    source.$state.listen(() => {});
    await until(source.$state, (s) => s.origin === 'live');
    await source.revalidate();
    await source.refresh();
    const seen = causes($timeline.get().etagged);
    off();
    counting();
    expect(seen).to.include('not-modified');
    // The forced refresh sent no validator: new data, not a 304.
    expect(seen.at(-1)).to.equal('data');
  });
});
