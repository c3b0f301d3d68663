// 3. Push latency: from the server writing an event to the page's text changing (a
// MutationObserver in the page; the server's and the page's high-resolution clocks, same machine),
// over Server-Sent Events and over WebSocket, each beside its floor (the bare browser API).
import { median, now, quantile, sleep, until } from './lib.mjs';

export async function push({ browser, ref, events = 500, warmup = 50, gap = 20 }) {
  const results = [];
  // Alternating rounds, so drift in the machine's load falls on both sides alike.
  const rounds = 2;
  const latencies = { 'push-ours': [], 'push-floor': [], 'push-ours-ws': [], 'push-floor-ws': [] };
  for (let round = 0; round < rounds; round++) {
    for (const name of Object.keys(latencies)) {
      const page = await browser.newPage();
      await page.goto(`${ref.url}/dist/bench/${name}.html`);
      await until(page, () => window.ready?.());
      await sleep(100);
      const sent = new Map();
      const count = warmup + events / rounds;
      for (let i = 1; i <= count; i++) {
        sent.set(i, now());
        ref.publish('bench', { n: i });
        await sleep(gap);
      }
      await sleep(200);
      const seen = await page.evaluate(() => window.seen ?? []);
      for (const [n, at] of seen) if (n > warmup && sent.has(n)) latencies[name].push(at - sent.get(n));
      await page.close();
    }
  }
  const names = {
    'push-ours': 'live-widgets, SSE',
    'push-floor': 'bare EventSource (floor)',
    'push-ours-ws': 'live-widgets, WebSocket',
    'push-floor-ws': 'bare WebSocket (floor)',
  };
  for (const [name, values] of Object.entries(latencies)) {
    results.push({ name: names[name], events: values.length, median: median(values), p95: quantile(values, 0.95) });
  }
  return results;
}
