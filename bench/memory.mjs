// 6. Memory: the page's JS heap and DOM counters after forced GC, in rounds: adding and removing
// 10,000 elements, and 1,000 stream reconnects (the server cuts the stream; the client reconnects
// after the server's `retry`). The first rounds also fill what fills once (compiled code,
// formatters, the diagnostics' bounded windows), so the last round's growth is what would leak.
import { sleep, until } from './lib.mjs';

async function measure(cdp) {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
  return { heap: usedSize, nodes, listeners: jsEventListeners };
}

/** Loads `url`, measures, then `rounds` times does `work` and measures. */
async function rounds(browser, url, ready, work, count) {
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await page.goto(url);
  await until(page, ready);
  const figures = [await measure(cdp)];
  for (let i = 0; i < count; i++) {
    await work(page);
    figures.push(await measure(cdp));
  }
  await page.close();
  return figures;
}

export async function memory({ browser, ref, streamRef, elements = 10_000, reconnects = 1000, count = 3 }) {
  const churn = await rounds(
    browser,
    `${ref.url}/dist/bench/memory-ours.html`,
    () => window.ready?.(),
    (page) => page.evaluate((n) => window.churn(n), elements),
    count,
  );

  const open = async () => (await (await fetch(`${streamRef.url}/api/_control/requests`)).json()).streams;
  const cut = async () => {
    for (let i = 0; i < reconnects; i++) {
      await fetch(`${streamRef.url}/api/_control/drop-streams`, { method: 'POST' });
      while ((await open()) < 1) await sleep(5);
    }
  };
  const streaming = () => window.ready?.() && document.querySelector('live-source').state?.connection === 'streaming';
  const stream = await rounds(browser, `${streamRef.url}/dist/bench/memory-ours.html?stream`, streaming, cut, count);
  return { elements, reconnects, churn, stream };
}
