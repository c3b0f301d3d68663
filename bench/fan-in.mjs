// 2. Request fan-in: `tabs` tabs of one browser profile, each with `n` elements on one source,
// over `periods` poll periods: what reaches the server once every tab shows its data.
import { sleep, until } from './lib.mjs';

const VARIANTS = [
  { name: 'live-widgets', page: 'fan-ours' },
  { name: 'live-widgets, streaming', page: 'fan-ours', query: '&stream' },
  { name: '@tanstack/query-core', page: 'fan-tanstack' },
  { name: 'naive (each element polls)', page: 'fan-naive' },
];

export async function fanIn({ browser, ref, tabs = 5, n = 100, poll = 1000, periods = 10 }) {
  const results = [];
  for (const variant of VARIANTS) {
    const context = await browser.newContext();
    const pages = [];
    for (let i = 0; i < tabs; i++) {
      const page = await context.newPage();
      await page.goto(`${ref.url}/dist/bench/${variant.page}.html?n=${n}&poll=${poll}${variant.query ?? ''}`);
      pages.push(page);
    }
    for (const page of pages) await until(page, () => window.ready?.());
    // Settle: the tabs have elected their leader and opened what they hold open.
    await sleep(poll);
    ref.reset();
    const before = ref.bytes();
    await sleep(poll * periods);
    const after = ref.bytes();
    const requests = ref.requests('/api/overview');
    const { streams } = await (await fetch(`${ref.url}/api/_control/requests`)).json();
    results.push({
      name: variant.name,
      tabs,
      elements: n * tabs,
      periods,
      requests,
      perPeriod: requests / periods,
      streamsOpen: streams,
      streamsOpened: ref.counts.streams,
      bytes: after.read - before.read + after.written - before.written,
    });
    await context.close();
    await sleep(200);
  }
  return results;
}
