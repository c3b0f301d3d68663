// `npm run load [-- --clients 5000 --seconds 20 --rate 10]`: N concurrent stream clients (Node,
// on loopback only, bounded in count and time), over Server-Sent Events and over WebSocket, against
// each set-up: the reference server alone; one nginx + Nchan node in front of it (deploy/nchan);
// two Nchan nodes sharing Redis, the clients spread over both. Measures the connections held, the
// events delivered, their delay, and the servers' memory (RSS, from /proc). Not part of npm test.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { cpus } from 'node:os';
import WebSocket from 'ws';
import { freePort, nchanMissing, redisMissing, startNchan, startRedis } from './nchan/start.mjs';

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

/** Resident memory of processes and their children, in KB, from /proc. */
function rss(...pids) {
  const kb = (p) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
  let total = 0;
  for (const pid of pids) {
    total += kb(pid);
    for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
      try {
        const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
        if (ppid === pid) total += kb(entry);
      } catch {
        // The process ended while we looked.
      }
    }
  }
  return total;
}

/** The reference server in its own process (so its memory is its own), in demo mode. */
async function app(env = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, ['demo/server.mjs', '--demo'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`${url}/api/health`).then(
        () => true,
        () => false,
      )
    )
      break;
    await sleep(50);
  }
  return {
    url,
    pid: child.pid,
    /** Publishes a `load` event the way a backend would (to Nchan too, with PUBLISH_URL). */
    publish: (data) =>
      fetch(`${url}/api/_control/publish`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ event: 'load', data }),
      }).then((r) => r.arrayBuffer()),
    close: () => new Promise((resolve) => (child.once('exit', resolve), child.kill())),
  };
}

/**
 * Opens `count` stream connections over `transport`, spread over `urls` in turn; counts the `load`
 * events they receive, and a hundred of them note each event's delay (the publisher's clock, same
 * machine). A socket offers both subprotocols, as the widgets do: the reference server speaks
 * `live-widgets` (subscribed to `load`), Nchan `ws+meta.nchan` (the event name in the content type).
 */
async function clients(transport, urls, count) {
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const state = { open: 0, failed: 0, events: 0, closers: [], latencies: [] };
  let sampled = 0;
  const heard = (text, sample) => {
    for (let at = text.indexOf('load'); at !== -1; at = text.indexOf('load', at + 4)) {
      // `event: load` (SSE), `"event":"load"` (live-widgets), `event=load` (Nchan's socket frames).
      if (/event(: |":"|=)$/.test(text.slice(Math.max(0, at - 9), at))) state.events++;
    }
    if (sample) for (const [, at] of text.matchAll(/"at":(\d+)/g)) state.latencies.push(Date.now() - Number(at));
  };
  const sse = (url) =>
    new Promise((resolve) => {
      const req = get(url, { agent, headers: { accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) {
          state.failed++;
          res.resume();
          return resolve();
        }
        state.open++;
        res.setEncoding('utf8');
        const sample = sampled++ < 100;
        res.on('data', (chunk) => heard(chunk, sample));
        res.on('close', () => state.open--);
        resolve();
      });
      req.on('error', () => {
        state.failed++;
        resolve();
      });
      state.closers.push(() => req.destroy());
    });
  const socket = (url) =>
    new Promise((resolve) => {
      const ws = new WebSocket(url.replace(/^http/, 'ws'), ['ws+meta.nchan', 'live-widgets'], { perMessageDeflate: false });
      const sample = sampled++ < 100;
      let opened = false;
      ws.on('open', () => {
        opened = true;
        state.open++;
        if (ws.protocol === 'live-widgets') ws.send(JSON.stringify({ type: 'subscribe', sources: [{ name: 'load', event: 'load', lastEventId: null }] }));
        resolve();
      });
      ws.on('message', (data) => heard(String(data), sample));
      ws.on('close', () => opened && state.open--);
      ws.on('error', () => {
        if (!opened) state.failed++;
        resolve();
      });
      state.closers.push(() => ws.terminate());
    });
  // Open in batches, as a crowd arriving would, not all in one tick.
  let n = 0;
  for (let i = 0; i < count; i += 200) {
    await Promise.all(Array.from({ length: Math.min(200, count - i) }, () => (transport === 'websocket' ? socket : sse)(urls[n++ % urls.length])));
  }
  return { state, close: () => state.closers.forEach((close) => close()) };
}

async function measure(name, transport, { streamUrls, publish, serverPids }) {
  const idle = rss(...serverPids);
  const crowd = await clients(transport, streamUrls, CLIENTS);
  await sleep(500);
  const held = crowd.state.open;
  const connected = rss(...serverPids);
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
  crowd.close();
  await sleep(500);
  return {
    name,
    transport,
    held,
    failed: crowd.state.failed,
    deliveredShare: delivered / (published * held),
    latencyMedianMs: quantile(crowd.state.latencies, 0.5),
    latencyP95Ms: quantile(crowd.state.latencies, 0.95),
    rssIdleMB: idle / 1024,
    rssConnectedMB: connected / 1024,
    kbPerConnection: (connected - idle) / held,
  };
}

/** Each set-up runs once per transport; `up()` starts it and resolves with what `measure` needs and a `down()`. */
async function run(name, up) {
  for (const transport of ['sse', 'websocket']) {
    const setup = await up();
    try {
      results.push(await measure(name, transport, setup));
    } finally {
      await setup.down();
    }
  }
}

const results = [];
const workers = cpus().length;
await run('reference server (Node, one process)', async () => {
  const ref = await app();
  return { streamUrls: [`${ref.url}/api/stream`], publish: ref.publish, serverPids: [ref.pid], down: ref.close };
});
const missing = nchanMissing();
if (missing) console.warn(`Nchan skipped: ${missing}`);
else {
  await run(`nginx + Nchan, one node (${workers} workers)`, async () => {
    const port = await freePort();
    const ref = await app({ PUBLISH_URL: `http://127.0.0.1:${port}/internal/publish` });
    const engine = await startNchan({ app: new URL(ref.url).host, port, workers });
    return { streamUrls: [`${engine.url}/api/stream`], publish: ref.publish, serverPids: [engine.pid], down: () => engine.close().then(ref.close) };
  });
  const noRedis = redisMissing();
  if (noRedis) console.warn(`Two nodes skipped: ${noRedis}`);
  else {
    await run(`two Nchan nodes + Redis (${workers} workers each)`, async () => {
      const redis = await startRedis();
      const ports = [await freePort(), await freePort()];
      const streams = ports.map((p) => `http://127.0.0.1:${p}/api/stream`);
      const ref = await app({ PUBLISH_URL: ports.map((p) => `http://127.0.0.1:${p}/internal/publish`).join(','), HOLD_ON: streams.join(',') });
      const nodes = await Promise.all(ports.map((port) => startNchan({ app: new URL(ref.url).host, port, workers, redis: redis.url })));
      return {
        streamUrls: streams,
        publish: ref.publish,
        serverPids: [...nodes.map((n) => n.pid), redis.pid],
        down: () =>
          Promise.all(nodes.map((n) => n.close()))
            .then(ref.close)
            .then(redis.close),
      };
    });
  }
}

const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus()[0]?.model} (${workers} cores), ${CLIENTS.toLocaleString('en')} clients, ${RATE} events a second for ${SECONDS} s, client and servers on one machine. Memory: the servers' resident sets (every nginx process; Redis too for two nodes).`,
  '',
  '| Set-up | Transport | Connections held | Failed | Delivered | Delay median / p95 | RSS idle | RSS with the clients | Per connection |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...results.map(
    (r) =>
      `| ${r.name} | ${r.transport === 'sse' ? 'SSE' : 'WebSocket'} | ${r.held.toLocaleString('en')} | ${r.failed} | ${(r.deliveredShare * 100).toFixed(1)}% | ${r.latencyMedianMs} / ${r.latencyP95Ms} ms | ${r.rssIdleMB.toFixed(0)} MB | ${r.rssConnectedMB.toFixed(0)} MB | ${r.kbPerConnection.toFixed(1)} KB |`,
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
