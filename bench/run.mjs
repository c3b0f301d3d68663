// `npm run bench [-- --quick] [size pages fan-in push ticker offline memory handover]`: runs the benchmarks in
// Chromium against the reference server on loopback, writes bench/results.json, prints one
// Markdown table and puts it in docs/guide/benchmarks.md. See bench/README.md for what each figure means.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { ENDPOINTS } from '../demo/data.mjs';
import { fanIn } from './fan-in.mjs';
import { handover } from './handover.mjs';
import { browser as launch, buildPages, server } from './lib.mjs';
import { memory } from './memory.mjs';
import { offline } from './offline.mjs';
import { push } from './push.mjs';
import { sizes } from './size.mjs';
import { firstRender, measure as pageSizes } from '../scripts/size-scenarios.mjs';
import { ticker } from './ticker.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const ALL = ['size', 'pages', 'fan-in', 'push', 'ticker', 'offline', 'memory', 'handover'];
const chosen = args.filter((a) => ALL.includes(a));
const run = chosen.length ? chosen : ALL;

// --quick: fewer and shorter runs, to try a change; the README's table comes from a full run.
const SETTINGS = quick
  ? {
      pages: { runs: 1 },
      fanIn: { periods: 3 },
      push: { events: 100, warmup: 10 },
      ticker: { runs: 1, span: 5000 },
      offline: { runs: 2 },
      memory: { elements: 2000, reconnects: 100, count: 2 },
      handover: { runs: 1 },
    }
  : { pages: { runs: 7 }, fanIn: {}, push: {}, ticker: {}, offline: {}, memory: {}, handover: {} };

// --table: write the table again from bench/results.json, without measuring.
const results = args.includes('--table') ? JSON.parse(readFileSync('bench/results.json', 'utf8')) : await measure();

if (run.length === ALL.length && !quick && !args.includes('--table')) {
  writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
}
const table = markdown(results);
console.log(table);
if (run.length === ALL.length && !quick) {
  // The table lives on the documentation's benchmarks page.
  const PAGE = 'docs/guide/benchmarks.md';
  const readme = readFileSync(PAGE, 'utf8');
  const START = '<!-- bench:start (written by npm run bench) -->';
  const END = '<!-- bench:end -->';
  const at = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (at !== -1 && end !== -1) writeFileSync(PAGE, `${readme.slice(0, at)}${START}\n${table}\n${readme.slice(end)}`);
}

async function measure() {
  await buildPages();
  const ref = await server();
  const browser = await launch();
  const results = {
    date: new Date().toISOString(),
    quick,
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      chromium: browser.version(),
    },
  };
  const step = async (name, fn) => {
    if (!run.includes(name)) return;
    const started = Date.now();
    process.stderr.write(`${name}… `);
    results[name] = await fn();
    process.stderr.write(`${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  };
  try {
    await step('size', sizes);
    await step('pages', async () => ({ downloads: await pageSizes(), firstRender: await firstRender(SETTINGS.pages) }));
    await step('fan-in', () => fanIn({ browser, ref, ...SETTINGS.fanIn }));
    await step('push', () => push({ browser, ref, ...SETTINGS.push }));
    await step('ticker', () => ticker({ browser, ref, ...SETTINGS.ticker }));
    await step('offline', () => offline({ browser, ref, ...SETTINGS.offline }));
    await step('memory', async () => {
      const streamRef = await server({ retry: 10 });
      try {
        return await memory({ browser, ref, streamRef, ...SETTINGS.memory });
      } finally {
        await streamRef.close();
      }
    });
    await step('handover', () => handover(SETTINGS.handover));
  } finally {
    await browser.close();
    await ref.close();
  }
  if (run.length === ALL.length) results.paper = paper(results);
  return results;
}

/** 7. Server load for 10,000 dashboards, from the bytes measured above. */
function paper(r) {
  const dashboards = 10_000;
  const polling = r['fan-in'].find((v) => v.name === 'live-widgets');
  const perRequest = polling.bytes / polling.requests;
  // One change every 30 s, pushed as the reference server frames it, and a keep-alive every 15 s.
  const frame = `id: 123456\nevent: overview\ndata: ${JSON.stringify({ ...ENDPOINTS.overview(1), generatedAt: new Date().toISOString() })}\n\n`.length;
  const keepAlive = ': keep-alive\n\n'.length;
  return {
    dashboards,
    polling: { requestsPerHour: dashboards * 120, bytesPerRequest: Math.round(perRequest), bytesPerHour: Math.round(dashboards * 120 * perRequest) },
    streaming: { connections: dashboards, eventsPerHour: dashboards * 120, bytesPerEvent: frame, bytesPerHour: dashboards * (120 * frame + 240 * keepAlive) },
  };
}

function markdown(r) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const ms = (n) => (n === null || n === undefined || !Number.isFinite(n) ? 'never' : `${n.toFixed(n < 10 ? 2 : 0)} ms`);
  const lines = [];
  const m = r.machine;
  lines.push(
    `Measured ${r.date.slice(0, 10)} on ${m.cpu} (${m.cores} cores, ${m.memoryGB} GB), Node ${m.node}, Chromium ${m.chromium}${r.quick ? ' (quick run)' : ''}.`,
  );
  lines.push('', '| Measure | live-widgets | Best alternative | Floor / naive | Goal | Met |', '| --- | --- | --- | --- | --- | --- |');
  const row = (met, ...cells) => lines.push(`| ${cells.join(' | ')} | ${met ? 'yes' : '**no**'} |`);
  if (r.size) {
    const s = Object.fromEntries(r.size.map((x) => [x.kind, x]));
    row(
      s['ours-cdn'].gzip < s.tanstack.gzip,
      'Size, min+gzip',
      `${kb(s['ours-cdn'].gzip)} with the UI; data layer ${kb(s['ours-data'].gzip)}`,
      `TanStack Query core + persister + broadcast ${kb(s.tanstack.gzip)}, headless`,
      `Lit alone ${kb(s.lit.gzip)}`,
      'smaller than their headless core, UI included',
    );
    // What a page downloads (gzip -9 of every script it received, in Chromium), beside the anchors; goals as the issue set them.
    const anchors = `TanStack Query core + persister + broadcast ${kb(s.tanstack.gzip)} (no UI); swr ${kb(s.swr.gzip)}; @nanostores/query ${kb(s.nanoquery.gzip)}`;
    for (const d of r.pages?.downloads ?? [])
      row(
        d.gzip <= d.goal * 1024,
        `A page downloads, gzip: ${d.name}`,
        `${d.racy ? '' : `${kb(d.beforeValue)} before its data, `}${kb(d.gzip)} once idle, in ${d.files.length} files`,
        anchors,
        `Lit alone ${kb(s.lit.gzip)}`,
        `≤ ${d.goal} KB`,
      );
  }
  if (r.pages?.firstRender) {
    const f = r.pages.firstRender;
    const a = f.autoloader;
    const one = f['single file'];
    row(
      a.median <= one.median,
      `First render of the typical embed page, scripts ${a.latency} ms away, median of ${a.runs}: autoloader / single file`,
      `${ms(a.median)} / ${ms(one.median)}`,
      '—',
      '—',
      'the autoloader no slower than the single file',
    );
  }
  if (r['fan-in']) {
    const f = Object.fromEntries(r['fan-in'].map((x) => [x.name, x]));
    const ours = f['live-widgets'];
    const per = (x) => `${x.perPeriod.toFixed(1)}`;
    row(
      ours.perPeriod <= 1.05,
      `Requests per poll period, ${ours.tabs} tabs × ${ours.elements / ours.tabs} elements`,
      per(ours),
      `TanStack Query ${per(f['@tanstack/query-core'])}`,
      `naive ${per(f['naive (each element polls)'])}`,
      '1 for the whole browser',
    );
    const s = f['live-widgets, streaming'];
    row(s.streamsOpen === 1, `Streaming: connections held, requests per period`, `${s.streamsOpen}, ${per(s)}`, '—', '—', '1 connection');
  }
  if (r.push) {
    const [ours, floor, oursWs, floorWs] = r.push;
    row(
      ours.median - floor.median <= 1 && ours.p95 - floor.p95 <= 1 && ours.p95 < 1000 / 60,
      `Push latency, server write → DOM text, median / p95 (${ours.events} events), SSE`,
      `${ms(ours.median)} / ${ms(ours.p95)}`,
      '—',
      `bare EventSource ${ms(floor.median)} / ${ms(floor.p95)}`,
      'within 1 ms of the floor, under a frame',
    );
    if (oursWs && floorWs) {
      row(
        oursWs.median - floorWs.median <= 1 && oursWs.p95 - floorWs.p95 <= 1 && oursWs.p95 < 1000 / 60,
        `Push latency, the same over WebSocket (${oursWs.events} events)`,
        `${ms(oursWs.median)} / ${ms(oursWs.p95)}`,
        '—',
        `bare WebSocket ${ms(floorWs.median)} / ${ms(floorWs.p95)}`,
        'within 1 ms of the floor, under a frame',
      );
    }
  }
  if (r.ticker) {
    const [ours, gh] = r.ticker;
    row(
      ours.taskMsPerMin < gh.taskMsPerMin,
      `Ticker, ${ours.elements} texts changing every second: main-thread time per minute`,
      ms(ours.taskMsPerMin),
      `&lt;relative-time&gt; ${ms(gh.taskMsPerMin)}`,
      '—',
      'less than the anchor',
    );
    row(
      ours.layoutMsPerMin < gh.layoutMsPerMin,
      'Ticker: of which style and layout',
      ms(ours.layoutMsPerMin),
      `&lt;relative-time&gt; ${ms(gh.layoutMsPerMin)}`,
      '—',
      'less than the anchor',
    );
  }
  if (r.offline) {
    for (const scenario of [...new Set(r.offline.map((x) => x.scenario))]) {
      const ours = r.offline.find((x) => x.scenario === scenario && x.name.endsWith('persist'));
      const none = r.offline.find((x) => x.scenario === scenario && x.name.endsWith('no cache'));
      row(
        Number.isFinite(ours.shownMs) && (none.networkMs === null || ours.shownMs < none.networkMs),
        `Offline start, ${scenario}: value on screen after navigation`,
        ms(ours.shownMs),
        '—',
        `no cache ${ms(none.shownMs)}${none.networkMs ? ` (network answers at ${ms(none.networkMs)})` : ''}`,
        'before the network answers',
      );
    }
  }
  if (r.memory) {
    const x = r.memory;
    const sign = (n) => (n >= 0 ? `+${n}` : `${n}`);
    const step = (a, b) =>
      `${sign(((b.heap - a.heap) / 1024).toFixed(1))} KB${b.nodes !== a.nodes ? `, ${sign(b.nodes - a.nodes)} nodes` : ''}${b.listeners !== a.listeners ? `, ${sign(b.listeners - a.listeners)} listeners` : ''}`;
    const steps = (f) =>
      f
        .slice(1)
        .map((b, i) => step(f[i], b))
        .join(' / ');
    // No growth: the last round adds no node or listener, and under 1% of the heap.
    const flat = (f) => {
      const [a, b] = f.slice(-2);
      return b.nodes <= a.nodes && b.listeners <= a.listeners && b.heap - a.heap < f[0].heap / 100;
    };
    row(
      flat(x.churn),
      `Heap after GC, each round of adding and removing ${x.elements.toLocaleString('en')} elements`,
      steps(x.churn),
      '—',
      `baseline ${kb(x.churn[0].heap)}`,
      'no growth in the last round',
    );
    row(
      flat(x.stream),
      `Heap after GC, each round of ${x.reconnects.toLocaleString('en')} stream reconnects`,
      steps(x.stream),
      '—',
      `baseline ${kb(x.stream[0].heap)}`,
      'no growth in the last round',
    );
  }
  if (r.handover) {
    const h = r.handover;
    const each = (x) => `${ms(x.median)} (max ${ms(x.max)})`;
    row(
      ['close', 'crash', 'bfcache', 'freeze'].every((k) => h[k].max < 2000),
      `Tab handover, median of ${h.close.runs}: leader's tab closed / crashed / into the back/forward cache / frozen`,
      ['close', 'crash', 'bfcache', 'freeze'].map((k) => ms(h[k].median)).join(' / '),
      '—',
      'before issue 13: back/forward cache and frozen never (until the browser evicts the page)',
      'under 2 s',
    );
    row(
      h.hung.max < 4 * 2000,
      "Tab handover: the leader's main thread hangs (a visible follower takes over)",
      each(h.hung),
      '—',
      '—',
      'about two probe periods (2 s each)',
    );
    row(
      h.crashedFollower.max < 2 * 5000,
      'A follower that crashed without a word drops out of the count',
      each(h.crashedFollower),
      '—',
      'before issue 13: counted until the leader left',
      'within a presence sweep (5 s)',
    );
  }
  if (r.size) {
    lines.push('', '| Library | Version | min | min+gzip | min+brotli |', '| --- | --- | --- | --- | --- |');
    for (const x of r.size) lines.push(`| ${x.name} | ${x.version} | ${kb(x.min)} | ${kb(x.gzip)} | ${kb(x.brotli)} |`);
  }
  if (r.paper) {
    const p = r.paper;
    const mb = (n) => `${(n / 2 ** 20).toFixed(0)} MB`;
    lines.push(
      '',
      `Server load for ${p.dashboards.toLocaleString('en')} dashboards: polling every 30 s with ETag hits is ${p.polling.requestsPerHour.toLocaleString('en')} requests and ${mb(p.polling.bytesPerHour)} an hour (${p.polling.bytesPerRequest} bytes per conditional request and its 304, measured); streaming one change every 30 s is ${p.streaming.connections.toLocaleString('en')} open connections and ${mb(p.streaming.bytesPerHour)} an hour (${p.streaming.bytesPerEvent} bytes per event and a 14-byte keep-alive every 15 s).`,
    );
  }
  return lines.join('\n');
}
