// 4. Ticker cost: n "5 seconds ago" texts ticking every second, live-widgets' <live-last-updated>
// against GitHub's <relative-time>: Chrome's own main-thread figures (CDP Performance.getMetrics)
// over `runs` windows of `window` ms, after a warm-up, reported per minute.
import { median, sleep, until } from './lib.mjs';

const METRICS = ['ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration', 'TaskDuration'];

async function metrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.filter((m) => METRICS.includes(m.name)).map((m) => [m.name, m.value * 1000]));
}

export async function ticker({ browser, ref, n = 1000, runs = 3, span = 20_000, warmup = 3000 }) {
  const results = [];
  for (const [name, page] of [
    ['live-widgets <live-last-updated>', 'ticker-ours'],
    ['@github/relative-time-element', 'ticker-github'],
  ]) {
    const perMinute = { script: [], layout: [], task: [] };
    for (let run = 0; run < runs; run++) {
      const tab = await browser.newPage();
      const cdp = await tab.context().newCDPSession(tab);
      await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
      await tab.goto(`${ref.url}/dist/bench/${page}.html?n=${n}`);
      await until(tab, () => window.ready?.());
      await sleep(warmup);
      const before = await metrics(cdp);
      await sleep(span);
      const after = await metrics(cdp);
      const scale = 60_000 / span;
      perMinute.script.push((after.ScriptDuration - before.ScriptDuration) * scale);
      perMinute.layout.push((after.LayoutDuration - before.LayoutDuration + after.RecalcStyleDuration - before.RecalcStyleDuration) * scale);
      perMinute.task.push((after.TaskDuration - before.TaskDuration) * scale);
      await tab.close();
    }
    results.push({
      name,
      elements: n,
      minutes: (runs * span) / 60_000,
      scriptMsPerMin: median(perMinute.script),
      layoutMsPerMin: median(perMinute.layout),
      taskMsPerMin: median(perMinute.task),
    });
  }
  return results;
}
