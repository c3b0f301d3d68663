import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import sinon from 'sinon';
import { STORE_UNMOUNT_DELAY } from 'nanostores';
import '../../src/components/live-diagnostics.js';
import type { LiveDiagnostics } from '../../src/components/live-diagnostics.js';
import type { LiveAlertDetail } from '../../src/components/events.js';
import { createSource } from '../../src/data/source.js';
import { $diagnostics } from '../../src/stores/diagnostics.js';
import { $errorLog } from '../../src/stores/errors.js';
import { $streams } from '../../src/stores/streams.js';
import { $tabs } from '../../src/stores/tabs.js';
import { cycle as recordCycle, end as recordEnd, start as recordStart } from '../../src/data/stats.js';
import { diagnosticsReport } from '../../src/stores/report.js';
import { Recorder, testNetwork, XSS, until, url } from '../helpers.js';

const worker = await testNetwork();

async function loadedSource(name: string, respond: () => Response = () => HttpResponse.json({ n: 1 })) {
  const path = url('diag');
  const rec = new Recorder();
  worker.use(http.get(path, ({ request }) => (rec.add(request), respond())));
  const source = createSource(name, {
    src: `${path}?token=s3cret&page=2`,
    headers: { authorization: 'Bearer s3cret', 'x-client': 'dashboard' },
    retry: { attempts: 0 },
  });
  source.$state.subscribe(() => {});
  await until(source.$state, (s) => s.status !== 'loading');
  return { source, rec, path };
}

const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
/** The table with this caption. */
const tableOf = (el: Element, caption: string) => [...el.shadowRoot!.querySelectorAll('table')].find((t) => t.caption?.textContent!.trim() === caption)!;
const button = (el: Element, label: string) =>
  [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === label || b.getAttribute('aria-label') === label)!;

describe('<live-diagnostics>', () => {
  it('collapsed, follows only the page’s health and shows it in its summary', async () => {
    await loadedSource('orders');
    const before = ($diagnostics as unknown as { lc: number }).lc;
    const el = await fixture<LiveDiagnostics>(html`<live-diagnostics></live-diagnostics>`);
    // One listener: the health judgement's (the tables' stores are not followed while closed).
    expect(($diagnostics as unknown as { lc: number }).lc).to.equal(before + 1);
    expect(el.shadowRoot!.querySelector('table')).to.equal(null);
    expect(el.shadowRoot!.querySelector('summary')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Diagnostics … not known yet');
    await expect(el).to.be.accessible();
    el.remove();
    // nanostores lets a store go a second after its last subscriber.
    await waitUntil(() => ($diagnostics as unknown as { lc: number }).lc === before, 'the judgement stops following', { timeout: 3000 });
  });

  it('open, shows each source’s state and figures, and follows them', async () => {
    const { source } = await loadedSource('orders');
    const el = await fixture<LiveDiagnostics>(html`<live-diagnostics open></live-diagnostics>`);
    const row = () => tableOf(el, 'Sources').querySelector('tbody tr')!;
    const cells = () => [...row().children].map((c) => c.textContent!.trim());
    expect(cells().slice(0, 5)).to.deep.equal(['orders', 'idle', 'live', 'idle', 'leader of 1']);
    expect(cells()[7]).to.equal('1');
    await source.revalidate();
    await el.updateComplete;
    expect(cells()[7]).to.equal('2');
    await expect(el).to.be.accessible();
  });

  it('opens and closes like <details>, letting go of the stores when closed', async () => {
    await loadedSource('orders');
    const el = await fixture<LiveDiagnostics>(html`<live-diagnostics></live-diagnostics>`);
    // Stores that only an open panel follows (the figures are also read by the page's health,
    // and computed stores read in passing hold them a second longer: not a measure of the panel).
    const listeners = () => [$errorLog, $streams, $tabs].map((store) => (store as unknown as { lc: number }).lc);
    const before = listeners();
    el.shadowRoot!.querySelector('summary')!.click();
    await waitUntil(() => el.open);
    expect(el.hasAttribute('open')).to.equal(true);
    // The tabs' store twice: the table's, and the timeline's (which notes a tab's handover), once its part has come.
    const opened = String([before[0] + 1, before[1] + 1, before[2] + 2]);
    await waitUntil(() => String(listeners()) === opened, `the open panel follows the stores (${String(listeners())})`);
    el.shadowRoot!.querySelector('summary')!.click();
    await waitUntil(() => !el.open);
    // The timeline lets go of the tabs' store a second later, as nanostores lets a store go.
    await waitUntil(() => String(listeners()) === String(before), 'the stores were let go', { timeout: 3000 });
  });

  it('lists the last errors as text, in words', async () => {
    await loadedSource('broken', () => HttpResponse.json({ message: XSS }, { status: 500 }));
    const el = await fixture<LiveDiagnostics>(html`<live-diagnostics open></live-diagnostics>`);
    const errors = tableOf(el, 'Last errors').textContent!.replace(/\s+/g, ' ');
    expect(errors).to.contain('The server answered with an error (HTTP 500).').and.contain(XSS);
    el.strings = { 'error.http': 'Der Server antwortete mit einem Fehler ({status}).' };
    await el.updateComplete;
    expect(tableOf(el, 'Last errors').textContent).to.contain('Der Server antwortete mit einem Fehler (500).');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('refetches one source or all', async () => {
    const a = await loadedSource('a');
    const b = await loadedSource('b');
    const el = await fixture<LiveDiagnostics>(html`<live-diagnostics open></live-diagnostics>`);
    button(el, 'Refetch a').click();
    await a.rec.count(2);
    expect(new URL(a.rec.last.url).searchParams.has('_t')).to.equal(true);
    await until(a.source.$state, (s) => s.status === 'idle');
    button(el, 'Refetch all').click();
    await a.rec.count(3);
    await b.rec.count(2);
  });

  it('never shows or reports a secret', async () => {
    await loadedSource('orders');
    const el = await fixture<LiveDiagnostics>(html`<live-diagnostics open></live-diagnostics>`);
    expect(el.shadowRoot!.innerHTML).not.to.contain('s3cret');
    const report = JSON.stringify(diagnosticsReport());
    expect(report).not.to.contain('s3cret');
    expect(report).to.contain('token=%5Bredacted%5D').and.contain('page=2');
    expect(diagnosticsReport().sources[0].options.headers).to.deep.equal({ authorization: '[redacted]', 'x-client': 'dashboard' });
  });

  it('copies the report to the clipboard, and downloads it where the clipboard is refused', async () => {
    await loadedSource('orders');
    const write = sinon.stub(navigator.clipboard, 'writeText').resolves();
    const el = await fixture<LiveDiagnostics>(html`<live-diagnostics open></live-diagnostics>`);
    button(el, 'Copy diagnostics').click();
    await waitUntil(() => text(el).includes('copied to the clipboard'));
    const copied = JSON.parse(write.firstCall.args[0]);
    expect(copied.sources[0]).to.deep.include({ name: 'orders' });
    expect(copied.totals.requests).to.equal(1);

    write.rejects(new DOMException('denied', 'NotAllowedError'));
    const click = sinon.stub(HTMLAnchorElement.prototype, 'click');
    button(el, 'Copy diagnostics').click();
    await waitUntil(() => text(el).includes('downloaded as a file'));
    const anchor = click.firstCall.thisValue as HTMLAnchorElement;
    expect(anchor.download).to.match(/^live-widgets-diagnostics-.*\.json$/);
    expect(anchor.href).to.match(/^blob:/);
  });

  it('clears the offline cache', async () => {
    const el = await fixture<LiveDiagnostics>(html`<live-diagnostics open></live-diagnostics>`);
    button(el, 'Clear offline cache').click();
    // Real IndexedDB, and the cache's code loaded on demand: on a loaded machine, over a second.
    await waitUntil(() => text(el).includes('Offline cache cleared'), 'the panel said the cache was cleared', { timeout: 10_000 });
  });

  it('shows the server’s health checks, with words, while open', async () => {
    const path = url('health');
    const rec = new Recorder();
    worker.use(
      http.get(
        path,
        ({ request }) => (
          rec.add(request),
          HttpResponse.json({
            status: 'degraded',
            checks: { db: { status: 'ok', latencyMs: 12 }, queue: { status: 'down', message: XSS } },
            version: '1.2.3',
            uptimeS: 3600,
          })
        ),
      ),
    );
    const el = await fixture<LiveDiagnostics>(html`<live-diagnostics open health=${path}></live-diagnostics>`);
    await rec.count(1);
    await waitUntil(() => text(el).includes('1.2.3'));
    const health = el.shadowRoot!.querySelector('[part=health]')!;
    expect(health.querySelector('h3')!.textContent!.replace(/\s+/g, ' ')).to.equal('Server health: ! degraded');
    expect(health.textContent).to.contain('db').and.contain('12ms').and.contain(XSS);
    expect(health.querySelector('img')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says a target missed while it watches, once, and not those missed before it came', async () => {
    createSource('late', {});
    const answer = (n: number, ok: boolean) => {
      for (let i = 0; i < n; i++) {
        recordStart('late');
        recordEnd('late', 400, ok ? { ok: true, notModified: true, cached: false, bytes: 0 } : { ok: false, kind: 'timeout' });
        recordCycle('late', ok);
      }
    };
    answer(6, true); // slow: the average response misses its 200 ms
    const page = await fixture(html`<div><live-diagnostics></live-diagnostics><live-diagnostics lang="de"></live-diagnostics></div>`);
    const [el, second] = [...page.querySelectorAll('live-diagnostics')];
    const said = (panel = el) => panel.shadowRoot!.querySelector('.sr-only[role=status]')!.textContent;
    expect(el.shadowRoot!.querySelector('summary')!.textContent).to.contain('degraded');
    expect(said()).to.equal('');
    // The first failure makes 1 of 7 requests: the error rate misses from then on, and is said then.
    answer(1, false);
    await el.updateComplete;
    expect(said()).to.contain('late: API error rate is 14.3%, which misses its goal of at most 1%.').and.not.contain('Average response');
    // A second panel on the page shows the miss but does not say it again.
    expect(said(second)).to.equal('');
    const first = said();
    answer(5, false);
    await el.updateComplete;
    expect(said()).to.equal(first);
  });
});

describe('<live-diagnostics>: what happened', () => {
  /** Opens a source's charts and timeline, as a user would, and waits for them. */
  const openHistory = async (el: Element, name: string) => {
    const section = [...el.shadowRoot!.querySelectorAll('.history')].find((h) => h.querySelector('h3')!.textContent!.includes(name))!;
    section.querySelector('summary')!.click();
    await waitUntil(() => section.querySelector('table'), `the timeline of ${name} opened`);
    return section;
  };
  const rows = (el: Element, caption: string) =>
    [...tableOf(el, caption).querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()));

  it('open, records each change and shows it newest first, with what the elements said before and after', async () => {
    let status = 200;
    const { source } = await loadedSource('orders', () => (status === 200 ? HttpResponse.json({ n: 1 }) : HttpResponse.json({ message: XSS }, { status })));
    const el = await fixture<LiveDiagnostics>(html`<live-diagnostics open></live-diagnostics>`);
    await waitUntil(() => el.shadowRoot!.querySelector('.history'), 'the timeline came');
    status = 500;
    await source.refresh();
    status = 200;
    await source.refresh();
    await el.updateComplete;
    // Closed, a source's record shows its states; its charts and timeline are drawn once opened.
    expect(el.shadowRoot!.querySelector('.history table')).to.equal(null);
    const history = await openHistory(el, 'orders');
    const timeline = rows(el, 'Timeline of orders, newest first');
    const happened = timeline.map((r) => r[1]);
    // Newest first: the recovery, then the failure, and the recording's start last.
    expect(happened[0]).to.equal('Recovered');
    expect(happened.at(-1)).to.equal('Recording began');
    const failed = timeline.find((r) => r[1].startsWith('Update failed'))!;
    expect(failed[1]).to.equal('Update failed: The server answered with an error (HTTP 500).');
    expect(failed[2]).to.equal('Live → Update failed');
    // What the badge said last before it recovered (after a failure, it may say it retries), then Live.
    expect(timeline[0][2]).to.equal(`${timeline[1][2].split(' → ').at(-1)} → Live`);
    expect(happened.indexOf('Recovered')).to.be.below(happened.indexOf(failed[1]));
    // Times, machine-readable.
    expect(tableOf(el, 'Timeline of orders, newest first').querySelector('time')!.dateTime).to.match(/^\d{4}-\d\d-\d\dT/);
    // The pictures, each with its sentence.
    // How long in each state it was in (in the order each first came).
    const summary = history.querySelector('p')!.textContent!;
    expect(summary).to.match(/^Over the last \d+ seconds?: .*\.$/);
    // The failure shows as failed or retrying (an engine may move on within the same millisecond).
    expect(summary)
      .to.match(/\bLive \d+ seconds?\b/)
      .and.to.match(/\b(Update failed|Retrying) \d+ seconds?\b/);
    const lanes = [...history.querySelectorAll('.lanes svg')].map((s) => s.getAttribute('data-state'));
    expect(lanes).to.include('live');
    expect(
      lanes.some((l) => l === 'error' || l === 'retrying'),
      String(lanes),
    ).to.equal(true);
    expect([...history.querySelectorAll('figcaption')].map((c) => c.textContent)).to.satisfy((captions: string[]) =>
      captions.some((c) => c.startsWith('Age of the data: at most')),
    );
    expect(history.querySelectorAll('.chart path.goal').length).to.be.above(0);
    expect(el.shadowRoot!.innerHTML).not.to.contain('<img');
    await expect(el).to.be.accessible();
  });

  it('with record, keeps the timeline closed too, and the report carries it, redacted', async () => {
    const { source } = await loadedSource('orders');
    const el = await fixture<LiveDiagnostics>(html`<live-diagnostics record></live-diagnostics>`);
    await waitUntil(() => diagnosticsReport().timelines.orders?.length, 'recording began');
    await source.revalidate();
    await waitUntil(() => diagnosticsReport().timelines.orders!.length > 1);
    const report = diagnosticsReport();
    expect(report.timelines.orders![0]).to.deep.include({ cause: 'watched' });
    expect(report.timelines.orders!.at(-1)!.said).to.deep.include({ origin: 'live', hasData: true, error: null });
    expect(report.timelines.orders!.at(-1)!.at).to.match(/Z$/);
    expect(JSON.stringify(report)).not.to.contain('s3cret');
    // Its table shows once opened, with what was recorded while closed.
    el.open = true;
    await waitUntil(() => el.shadowRoot!.querySelector('.history'));
    await openHistory(el, 'orders');
    expect(rows(el, 'Timeline of orders, newest first').length).to.equal(report.timelines.orders!.length);

    const click = sinon.stub(HTMLAnchorElement.prototype, 'click');
    button(el, 'Download diagnostics').click();
    await waitUntil(() => text(el).includes('Diagnostics downloaded as a file.'));
    const anchor = click.firstCall.thisValue as HTMLAnchorElement;
    const saved = JSON.parse(await (await fetch(anchor.href)).text());
    expect(saved.timelines.orders.length).to.be.at.least(2);
    click.restore();
  });

  it('closed and not recording, keeps nothing', async () => {
    // What the tests before recorded goes a second after their panels went.
    await new Promise((resolve) => setTimeout(resolve, STORE_UNMOUNT_DELAY + 100));
    await loadedSource('orders');
    await fixture<LiveDiagnostics>(html`<live-diagnostics></live-diagnostics>`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(diagnosticsReport().timelines).to.deep.equal({});
  });
});

describe('<live-diagnostics failing-for>', () => {
  const said = (el: Element) => el.shadowRoot!.querySelector('.sr-only[role=status]')!.textContent!;

  it('says once, politely, when a source has failed for that long, and when it works again, with an event each time', async () => {
    let status = 200;
    const { source } = await loadedSource('orders', () => (status === 200 ? HttpResponse.json({ n: 1 }) : new HttpResponse('', { status })));
    const el = await fixture<LiveDiagnostics>(html`<live-diagnostics failing-for="300ms"></live-diagnostics>`);
    const alerts: LiveAlertDetail[] = [];
    el.addEventListener('live-alert', (e) => alerts.push(e.detail));
    await waitUntil(() => diagnosticsReport().timelines.orders, 'recording began');
    status = 500;
    await source.refresh();
    expect(alerts).to.deep.equal([]);
    await waitUntil(() => alerts.length === 1, 'the alert came', { timeout: 3000 });
    expect(alerts[0]).to.deep.include({ source: 'orders', kind: 'failing' });
    expect(said(el)).to.match(/^orders has been failing for \d+ seconds?\.$/);
    // Failing longer says nothing new.
    await source.refresh();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(alerts).to.have.length(1);
    status = 200;
    await source.refresh();
    await waitUntil(() => alerts.length === 2);
    expect(alerts[1]).to.deep.equal({ ...alerts[0], kind: 'recovered' });
    await el.updateComplete;
    expect(said(el)).to.match(/^orders works again, after failing for \d+ seconds?\.$/);
  });

  it('says nothing of a failure shorter than that', async () => {
    let status = 500;
    const { source } = await loadedSource('orders', () => (status === 200 ? HttpResponse.json({ n: 1 }) : new HttpResponse('', { status })));
    const el = await fixture<LiveDiagnostics>(html`<live-diagnostics failing-for="1m"></live-diagnostics>`);
    const alerts: LiveAlertDetail[] = [];
    el.addEventListener('live-alert', (e) => alerts.push(e.detail));
    await waitUntil(() => diagnosticsReport().timelines.orders, 'recording began');
    status = 200;
    await source.refresh();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alerts).to.deep.equal([]);
    expect(said(el)).to.equal('');
  });
});
