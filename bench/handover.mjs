// 8. Tab handover: how long until another tab leads (and then shows a new event) after the tab
// that leads is closed, crashes, goes into the back/forward cache, is frozen, or hangs; and how
// long a follower that crashed stays counted. The scenarios are the lifecycle tests' own
// (test/lifecycle/tabs.mjs), in a Chromium of their own with the back/forward cache on.
import { launch, scenarios } from '../test/lifecycle/tabs.mjs';
import { median, server } from './lib.mjs';

export async function handover({ runs = 3 }) {
  // A server of its own that publishes nothing by itself: the scenarios' events are the only ones.
  const ref = await server({ period: 3_600_000 });
  const browser = await launch();
  const out = {};
  try {
    for (const name of ['close', 'crash', 'bfcache', 'freeze', 'hung']) {
      const times = [];
      for (let i = 0; i < runs; i++) {
        try {
          times.push((await scenarios[name](browser, ref.url)).handoverMs);
        } catch (e) {
          throw new Error(`handover, ${name}: ${e.message}`, { cause: e });
        }
      }
      out[name] = { median: median(times), max: Math.max(...times), runs };
    }
    const dropped = [];
    for (let i = 0; i < runs; i++) dropped.push((await scenarios.count(browser, ref.url)).droppedMs);
    out.crashedFollower = { median: median(dropped), max: Math.max(...dropped), runs };
  } finally {
    await browser.close();
    await ref.close();
  }
  return out;
}
