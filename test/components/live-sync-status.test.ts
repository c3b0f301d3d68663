import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../src/components/live-sync-status.js';
import type { LiveSyncStatus } from '../../src/components/live-sync-status.js';
import { getSource } from '../../src/stores/sources.js';
import { gatedEndpoint, testNetwork, XSS, until, url } from '../helpers.js';

const worker = await testNetwork();

const ago = (s: number) => new Date(Date.now() - s * 1000).toISOString();
const STATUS = {
  entities: [
    { name: 'campaigns', status: 'ok', lastSyncAt: ago(120), records: 1240 },
    { name: 'keywords', status: 'running', lastSyncAt: ago(3600), records: 412000, progress: 0.4 },
    { name: 'conversions', status: 'failed', lastSyncAt: ago(30), records: 52800, error: `Upstream said no ${XSS}` },
    { name: 'audiences', status: 'pending' },
  ],
  updatedAt: new Date().toISOString(),
};

function serve(body: unknown, init?: ResponseInit) {
  const path = url('sync');
  worker.use(http.get(path, () => HttpResponse.json(body as Record<string, unknown>, init)));
  return path;
}

async function shown(path: string, attrs = html``) {
  const el = await fixture<LiveSyncStatus>(html`<live-sync-status src=${path}>${attrs}</live-sync-status>`);
  await until(getSource(`sync:${path}`)!.$state, (s) => s.status === 'idle' || s.status === 'error');
  await el.updateComplete;
  return el;
}

const rows = (el: LiveSyncStatus) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~=entity]')];
const text = (el: Element) => el.textContent!.replace(/\s+/g, ' ').trim();

describe('<live-sync-status>', () => {
  it('lists each job with its status in words, last sync, records, progress and error', async () => {
    const el = await shown(serve(STATUS));
    const [ok, running, failed, pending] = rows(el);
    expect(rows(el).map((r) => r.dataset.status)).to.deep.equal(['ok', 'running', 'failed', 'pending']);
    expect(ok.getAttribute('part')).to.equal('entity entity-ok');
    expect(text(ok)).to.equal('✓ campaigns · Up to date last sync 2 minutes ago · 1,240 records');
    expect(running.querySelector('progress')!.value).to.equal(0.4);
    expect(running.querySelector('progress')!.getAttribute('aria-label')).to.equal('keywords: sync progress');
    expect(text(running)).to.contain('Syncing').and.contain('1 hour ago').and.contain('412,000 records');
    expect(failed.querySelector('[part=error]')!.textContent).to.equal(`Upstream said no ${XSS}`);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(text(pending)).to.contain('Waiting').and.contain('never synced');
    await expect(el).to.be.accessible();
  });

  it('polls every 30 s by default, through a source that diagnostics see', async () => {
    const path = serve(STATUS);
    await shown(path);
    expect(getSource(`sync:${path}`)!.options.poll).to.equal(30_000);
  });

  it('says it is loading, then that there are no jobs', async () => {
    const { path, rec, releaseOne } = gatedEndpoint(worker);
    const el = await fixture<LiveSyncStatus>(html`<live-sync-status src=${path}></live-sync-status>`);
    await rec.count(1);
    expect(text(el.shadowRoot!.querySelector('[part=message]')!)).to.equal('Loading sync status…');
    await expect(el).to.be.accessible();
    releaseOne();
    // The gated endpoint answers `{ n }`: not the contract.
    await until(getSource(`sync:${path}`)!.$state, (s) => s.status === 'idle');
    await el.updateComplete;
    expect(text(el.shadowRoot!.querySelector('[part=message]')!)).to.match(/unavailable: unexpected response/);
    const empty = await shown(serve({ entities: [] }));
    expect(text(empty.shadowRoot!.querySelector('[part=message]')!)).to.equal('No sync jobs.');
  });

  it('explains when the endpoint fails and keeps the last list when it fails later', async () => {
    const el = await shown(serve({ error: 'Sync service down' }, { status: 404 }));
    expect(text(el.shadowRoot!.querySelector('[part=message]')!)).to.equal('Sync status unavailable: The server answered with an error (HTTP 404).');
  });

  it('tells a screen reader once when a job fails, not the failures it found on arrival', async () => {
    const path = url('sync');
    let now: unknown = STATUS;
    worker.use(http.get(path, () => HttpResponse.json(now as Record<string, unknown>)));
    const el = await shown(path);
    const told = () => el.shadowRoot!.querySelector('.sr-only[role=status]')!.textContent!.trim();
    expect(told(), 'conversions had failed before the page came').to.equal('');
    now = { ...STATUS, entities: STATUS.entities.map((e) => (e.name === 'keywords' ? { ...e, status: 'failed', error: 'Timeout' } : e)) };
    await getSource(`sync:${path}`)!.revalidate();
    await el.updateComplete;
    expect(told()).to.equal('keywords: sync failed.');
    // The next answer says the same: nothing new is said.
    await getSource(`sync:${path}`)!.refresh();
    await el.updateComplete;
    expect(told()).to.equal('keywords: sync failed.');
    await expect(el).to.be.accessible();
  });

  it('adapts another shape through map, and survives bad fields', async () => {
    const path = serve({ jobs: [{ id: 'orders', state: 'done', n: 'many' }, null, { id: 7, state: 'weird' }] });
    const el = document.createElement('live-sync-status');
    el.map = (data) => ({
      entities: (data as { jobs: ({ id: unknown; state: string; n: unknown } | null)[] }).jobs.map(
        (j) => j && { name: j.id, status: j.state === 'done' ? 'ok' : j.state, records: j.n },
      ),
    });
    el.src = path;
    document.body.append(el);
    await until(getSource(`sync:${path}`)!.$state, (s) => s.status === 'idle');
    await el.updateComplete;
    expect(rows(el).map((r) => r.dataset.status)).to.deep.equal(['ok', 'pending']);
    expect(text(rows(el)[0])).to.equal('✓ orders · Up to date never synced');
    expect(text(rows(el)[1])).to.contain('7');
    el.remove();
  });

  it('binds to a named source instead of reading src', async () => {
    const { createSource } = await import('../../src/data/source.js');
    const source = createSource('jobs', { src: serve(STATUS) });
    const el = await fixture<LiveSyncStatus>(html`<live-sync-status source="jobs"></live-sync-status>`);
    await until(source.$state, (s) => s.status === 'idle' && s.origin === 'live');
    await el.updateComplete;
    expect(rows(el)).to.have.length(4);
  });

  it('gives back its own source when removed', async () => {
    const path = serve(STATUS);
    const el = await shown(path);
    el.remove();
    expect(getSource(`sync:${path}`)).to.equal(undefined);
  });
});
