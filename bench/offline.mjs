// 5. Offline start: from navigation to the value in the DOM, with the server down (requests
// refused) and with the server up but slow (2 s), for a persisted source and one without cache.
import { median, sleep, until } from './lib.mjs';

async function control(ref, faults) {
  await fetch(`${ref.url}/api/_control/faults`, { method: 'POST', body: JSON.stringify(faults) });
}

async function visit(context, url, { down }) {
  const page = await context.newPage();
  if (down) await page.route('**/api/**', (route) => route.abort('connectionrefused'));
  await page.goto(url);
  try {
    await until(page, () => window.shownAt !== undefined, undefined, down ? 3000 : 10_000);
  } catch {
    // Never shown: nothing cached and no network.
  }
  const shown = await page.evaluate(() => window.shownAt ?? null);
  // A refused request leaves a timing entry too: only a server that is up answers.
  const answered = down ? null : await page.evaluate(() => window.answeredAt?.() ?? null);
  await page.close();
  return { shown, answered };
}

export async function offline({ browser, ref, runs = 5, latency = 2000 }) {
  const results = [];
  for (const persist of [true, false]) {
    const context = await browser.newContext();
    const url = `${ref.url}/dist/bench/offline-ours.html${persist ? '?persist' : ''}`;
    // The first visit, online, fills the cache (writes are batched to one a second).
    const first = await context.newPage();
    await first.goto(url);
    await until(first, () => window.shownAt !== undefined);
    await sleep(1500);
    await first.close();
    for (const [scenario, down] of [
      ['server down', true],
      [`server slow (${latency / 1000} s)`, false],
    ]) {
      if (!down) await control(ref, { latency });
      const shown = [];
      const answered = [];
      for (let run = 0; run < runs; run++) {
        const r = await visit(context, url, { down });
        shown.push(r.shown ?? Infinity);
        if (r.answered !== null) answered.push(r.answered);
      }
      if (!down) await control(ref, { reset: true });
      results.push({
        name: persist ? 'live-widgets, persist' : 'live-widgets, no cache',
        scenario,
        shownMs: median(shown),
        networkMs: answered.length ? median(answered) : null,
      });
    }
    await context.close();
  }
  return results;
}
