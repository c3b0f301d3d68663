// `npm run load [-- --clients 5000 --seconds 20 --rate 10]`: N concurrent stream clients (Node,
// on loopback only, bounded in count and time) against the reference server and, where nginx with
// Nchan is installed, against deploy/nchan in front of it. Measures the connections held, the
// events delivered each second, and each server's memory (RSS, from /proc). Not part of npm test.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { cpus } from 'node:os';
import { freePort, nchanMissing, startNchan } from './nchan/start.mjs';

const arg = (name, fallback, max) => {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`--${name} must be a positive number`);
  return Math.min(value, max);
};
const CLIENTS = arg('clients', 5000, 15_000);
const SECONDS = arg('seconds', 20, 120);
const RATE = arg('rate', 10, 200);
const quantile = (values, q) => [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))] ?? NaN;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident memory of a process and its children, in KB, from /proc. */
function rss(pid) {
  const kb = (p) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
  let total = kb(pid);
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (ppid === pid) total += kb(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

/** The reference server in its own process (so its memory is its own), in demo mode. */
async function app(env = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, ['demo/server.mjs', '--demo'], { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env }, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${url}/api/health`).then(() => true, () => false)) break;
    await sleep(50);
  }
  return {
    url,
    pid: child.pid,
    /** Publishes a `load` event the way a backend would (to Nchan too, with PUBLISH_URL). */
    publish: (data) =>
      fetch(`${url}/api/_control/publish`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event: 'load', data }) }).then((r) => r.arrayBuffer()),
    close: () => new Promise((resolve) => (child.once('exit', resolve), child.kill())),
  };
}

/** Opens `count` SSE connections to `url`; counts the events they receive. */
async function clients(url, count) {
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const state = { open: 0, failed: 0, events: 0, requests: [], latencies: [] };
  let sampled = 0;
  const one = () =>
    new Promise((resolve) => {
      const req = get(url, { agent, headers: { accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) {
          state.failed++;
          res.resume();
          return resolve();
        }
        state.open++;
        res.setEncoding('utf8');
        // A hundred clients also note each event's delay from the publisher's clock (same machine).
        if (sampled++ < 100) {
          res.on('data', (chunk) => {
            for (const [, at] of chunk.matchAll(/"at":(\d+)/g)) state.latencies.push(Date.now() - Number(at));
          });
        }
        // Only the load's own events: the reference server also pushes its data every period.
        res.on('data', (chunk) => {
          for (let at = chunk.indexOf('event: load'); at !== -1; at = chunk.indexOf('event: load', at + 11)) state.events++;
        });
        res.on('close', () => state.open--);
        resolve();
      });
      req.on('error', () => {
        state.failed++;
        resolve();
      });
      state.requests.push(req);
    });
  // Open in batches, as a crowd arriving would, not all in one tick.
  for (let i = 0; i < count; i += 200) await Promise.all(Array.from({ length: Math.min(200, count - i) }, one));
  return { state, close: () => state.requests.forEach((r) => r.destroy()) };
}

async function measure(name, { streamUrl, publish, serverPid }) {
  const idle = rss(serverPid);
  const crowd = await clients(streamUrl, CLIENTS);
  await sleep(500);
  const held = crowd.state.open;
  const connected = rss(serverPid);
  const before = crowd.state.events;
  // Events on a fixed schedule, not one after the other's answer: the rate is the load's, not the server's.
  const started = Date.now();
  const sent = [];
  for (let i = 1; i <= SECONDS * RATE; i++) {
    await sleep(Math.max(0, started + (i * 1000) / RATE - Date.now()));
    sent.push(publish({ n: i, at: Date.now() }));
  }
  await Promise.all(sent);
  const published = sent.length;
  await sleep(2000);
  const delivered = crowd.state.events - before;
  const peak = rss(serverPid);
  crowd.close();
  return {
    name,
    clients: CLIENTS,
    held,
    failed: crowd.state.failed,
    published,
    delivered,
    deliveredShare: delivered / (published * held),
    eventsPerSecond: Math.round(delivered / SECONDS),
    latencyMedianMs: quantile(crowd.state.latencies, 0.5),
    latencyP95Ms: quantile(crowd.state.latencies, 0.95),
    rssIdleMB: idle / 1024,
    rssConnectedMB: connected / 1024,
    rssPeakMB: peak / 1024,
    kbPerConnection: (connected - idle) / held,
  };
}

const results = [];
{
  const ref = await app();
  try {
    results.push(await measure('reference server (Node, one process)', { streamUrl: `${ref.url}/api/stream`, publish: ref.publish, serverPid: ref.pid }));
  } finally {
    await ref.close();
  }
}
const missing = nchanMissing();
if (missing) console.warn(`Nchan skipped: ${missing}`);
else {
  const port = await freePort();
  const ref = await app({ PUBLISH_URL: `http://127.0.0.1:${port}/internal/publish` });
  const engine = await startNchan({ app: new URL(ref.url).host, port, workers: cpus().length });
  try {
    results.push(await measure(`nginx + Nchan (${cpus().length} workers), app publishing to it`, { streamUrl: `${engine.url}/api/stream`, publish: ref.publish, serverPid: engine.pid }));
  } finally {
    await engine.close();
    await ref.close();
  }
}

const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus()[0]?.model} (${cpus().length} cores), ${CLIENTS.toLocaleString('en')} clients, ${RATE} events a second for ${SECONDS} s, client and servers on one machine.`,
  '',
  '| Server | Connections held | Failed | Events delivered / s | Delivered | Delay median / p95 | RSS idle | RSS with the clients | Per connection |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...results.map(
    (r) =>
      `| ${r.name} | ${r.held.toLocaleString('en')} | ${r.failed} | ${r.eventsPerSecond.toLocaleString('en')} | ${(r.deliveredShare * 100).toFixed(1)}% | ${r.latencyMedianMs} / ${r.latencyP95Ms} ms | ${r.rssIdleMB.toFixed(0)} MB | ${r.rssConnectedMB.toFixed(0)} MB | ${r.kbPerConnection.toFixed(1)} KB |`,
  ),
];
const table = lines.join('\n');
console.log(table);
const START = '<!-- load:start (written by npm run load) -->';
const END = '<!-- load:end -->';
const readme = readFileSync('deploy/README.md', 'utf8');
const at = readme.indexOf(START);
const end = readme.indexOf(END);
if (at !== -1 && end !== -1) writeFileSync('deploy/README.md', `${readme.slice(0, at)}${START}\n${table}\n${readme.slice(end)}`);
