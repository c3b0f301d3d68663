// Real tabs in a real Chromium (and, for what needs no CDP, Firefox), through the page lifecycle:
// closed, crashed, sent into the back/forward cache, frozen, or hung. Each scenario opens the plain HTML example (one source,
// `overview`, streamed) in two or three tabs against a reference server that publishes nothing
// by itself (a long `period`: the scenario's own events are the only ones), does one thing to
// the tab that leads, and measures how long until another tab leads and shows new data.
//
// Chromium is started here, not by the test runner: runners pass `--disable-back-forward-cache`,
// and CDP freezes pages only in the browser's default context (`connectOverCDP` with
// `noDefaults`). Tabs opened with `Target.createTarget` in one window hide one another, as real
// tabs do; a tab in a new window stays visible.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/** The flags every Chromium of the tests runs with (the test runner's too). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ARGS = ['--headless=new', ...CHROMIUM_ARGS];

/** A Chromium of our own, attached over CDP. */
export async function launch(executable = process.env.CHROME_PATH || '/usr/bin/chromium') {
  const profile = await mkdtemp(join(tmpdir(), 'live-widgets-lifecycle-'));
  const proc = spawn(executable, [...ARGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const endpoint = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${seen.slice(-500)}`)), 15_000);
    proc.stderr.on('data', (chunk) => {
      seen += chunk;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (m) (clearTimeout(timer), resolve(m[1]));
    });
    proc.once('exit', (code) => reject(new Error(`Chromium exited (${code}): ${seen.slice(-500)}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint, { noDefaults: true });
  const context = browser.contexts()[0];
  const cdp = await browser.newBrowserCDPSession();
  const pages = new Set();
  return {
    context,
    /** Opens a tab: in a new window (stays visible), or in the current one (in front, the others hidden). */
    async open(url, { window = 'new' } = {}) {
      const before = new Set(context.pages());
      const appeared = context.waitForEvent('page', { predicate: (p) => !before.has(p) });
      await cdp.send('Target.createTarget', { url, newWindow: window === 'new' });
      const page = await appeared;
      pages.add(page);
      await page.waitForLoadState('load');
      return page;
    },
    closeTabs: () => closeAll(pages.values()).then(() => pages.clear()),
    async close() {
      await browser.close().catch(() => {});
      proc.kill();
      await new Promise((r) => proc.once('exit', r).once('error', r));
      await rm(profile, { recursive: true, force: true }).catch(() => {});
    },
  };
}

/**
 * A Firefox ESR of our own (puppeteer over WebDriver BiDi), with the same `open` and `close` as
 * `launch`: its tabs share Web Locks and BroadcastChannel as Chromium's do. It has no CDP, so
 * only the scenarios in `FIREFOX_SCENARIOS` run there.
 */
export async function launchFirefox(executablePath = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr') {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true });
  const pages = new Set();
  return {
    /** A new tab (Firefox opens them all in one window: `window` is not told apart). */
    async open(url) {
      const page = await browser.newPage();
      pages.add(page);
      await page.goto(url, { waitUntil: 'load' });
      return page;
    },
    closeTabs: () => closeAll(pages.values()).then(() => pages.clear()),
    close: () => browser.close().catch(() => {}),
  };
}

/**
 * Closes the tabs a scenario left open (it failed half-way): tabs of one scenario must not lead
 * the next one's. A tab whose page hangs may not answer: it is given 5 s.
 */
async function closeAll(pages) {
  const closing = [...pages].map((p) => p.close().catch(() => {}));
  await Promise.race([Promise.all(closing), new Promise((r) => setTimeout(r, 5000))]);
}

/** What Firefox can run: no scenario that needs CDP (crash, freeze) or the runner-free back/forward cache. */
export const FIREFOX_SCENARIOS = ['close', 'hung', 'sockets'];

/**
 * Makes a tab report on itself: the library's headless entries (their stores are the page's own:
 * the autoloaded elements share the same chunks), when this
 * tab started to lead, the page lifecycle events it saw, and the value on screen.
 */
async function instrument(page) {
  await page.evaluate(async () => {
    // (Each stream's figures, `$streams`, are the diagnostics entry's.)
    const live = { ...(await import('/dist/cdn/data.js')), ...(await import('/dist/cdn/diagnostics.js')) };
    const w = /** @type {any} */ (window);
    w.__tab = { live, ledAt: null, events: [] };
    live.$tabs.subscribe((t) => {
      if (t.overview?.role === 'leader' && w.__tab.ledAt === null) w.__tab.ledAt = Date.now();
      if (t.overview?.role !== 'leader') w.__tab.ledAt = null;
    });
    for (const [target, type] of [
      [window, 'pagehide'],
      [window, 'pageshow'],
      [document, 'freeze'],
      [document, 'resume'],
    ]) {
      target.addEventListener(type, (e) => w.__tab.events.push(`${type}${'persisted' in e ? (e.persisted ? ':persisted' : '') : ''}`));
    }
  });
}

/** What a tab says of itself now. */
export const report = (page) =>
  page.evaluate(() => {
    const { live, ledAt, events } = /** @type {any} */ (window).__tab;
    const source = live.getSource('overview');
    const tabs = live.$tabs.get().overview;
    return { role: tabs?.role, tabs: tabs?.tabs, ledAt, events, data: source?.state.data, status: source?.state.status, visibility: document.visibilityState };
  });

const until = async (what, check, timeout = 15_000) => {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** Publishes an event on the reference server's stream. */
const publish = (server, data) => fetch(`${server}/api/_control/publish`, { method: 'POST', body: JSON.stringify({ event: 'overview', data }) });

/** Opens `n` tabs of the example (each waits until it leads or follows), the first one leading. */
async function tabs(browser, server, windows) {
  const pages = [];
  for (const window of windows) {
    const page = await browser.open(`${server}/examples/html/`, { window });
    await instrument(page);
    await until('a role', async () => (await report(page)).role);
    pages.push(page);
  }
  // Settled: a tab reports `follower` the moment it joins, and the first one (alone until the
  // second came, then loading the protocol of several tabs and handing it its locks) leads.
  let roles = [];
  await until(
    'the first tab to lead and the others to follow',
    async () => {
      roles = await Promise.all(pages.map(async (p) => (await report(p)).role));
      return roles[0] === 'leader' && roles.slice(1).every((r) => r === 'follower');
    },
    10_000,
  ).catch(() => {
    throw new Error(`Unexpected roles: ${roles}`);
  });
  await until('the leader streaming', () =>
    pages[0].evaluate(() => /** @type {any} */ (window).__tab.live.getSource('overview').state.connection === 'streaming'),
  );
  return pages;
}

/** After `act` on the leader, how long until the follower leads, and that it shows a new event. */
async function handover(server, follower, act) {
  const started = Date.now();
  await act();
  const { ledAt } = await until('the follower to lead', async () => (await report(follower)).ledAt !== null && report(follower));
  const n = Math.floor(Math.random() * 1e9);
  await publish(server, { visitors: n, revenue: 1, conversion: 0, activeNow: 0, generatedAt: new Date().toISOString() });
  try {
    await until('the new leader to show a new event', async () => (await report(follower)).data?.visitors === n);
  } catch (e) {
    const seen = await report(follower);
    const stream = await follower.evaluate(() => JSON.stringify(/** @type {any} */ (window).__tab.live.$streams.get()));
    throw new Error(`${e.message} (${n}): the tab says ${JSON.stringify(seen)}; its streams ${stream}`, { cause: e });
  }
  return ledAt - started;
}

/**
 * The scenarios. Each returns `{ handoverMs, ... }` and leaves the browser as it found it
 * (its tabs closed).
 */
export const scenarios = {
  /** The leader's tab is closed. */
  async close(browser, server) {
    const [a, b] = await tabs(browser, server, ['new', 'new']);
    const handoverMs = await handover(server, b, () => a.close());
    await b.close();
    return { handoverMs };
  },

  /** The leader's tab crashes (its renderer dies): no pagehide, nothing said. */
  async crash(browser, server) {
    const [a, b] = await tabs(browser, server, ['new', 'new']);
    const session = await a.context().newCDPSession(a);
    // The command never answers: the page it would answer from is gone.
    const handoverMs = await handover(server, b, () => void session.send('Page.crash').catch(() => {}));
    await a.close().catch(() => {});
    await b.close();
    return { handoverMs };
  },

  /**
   * The user follows a link in the leader's tab while another tab is visible: the leader's page
   * goes into the back/forward cache. Then the user comes back to it.
   */
  async bfcache(browser, server) {
    const [a, b] = await tabs(browser, server, ['new', 'new']);
    const handoverMs = await handover(server, b, () => a.goto(`${server}/api/health`));
    await a.goBack({ waitUntil: 'commit' });
    const back = await until('the page restored', async () => {
      const r = await a.evaluate(() => /** @type {any} */ (window).__tab && document.readyState === 'complete').catch(() => false);
      return r && report(a);
    });
    // Back from the cache, it follows the tab that took over, and shows the same data.
    const after = await until('the restored tab to follow', async () => {
      const [ra, rb] = [await report(a), await report(b)];
      return ra.role === 'follower' && rb.role === 'leader' && ra.data?.visitors === rb.data?.visitors && { a: ra, b: rb };
    });
    await a.close();
    await b.close();
    return { handoverMs, persisted: back.events.includes('pageshow:persisted'), events: back.events, roles: [after.a.role, after.b.role] };
  },

  /** The leader's tab is in the background and the browser freezes it; a follower's forced refresh meanwhile. */
  async freeze(browser, server) {
    const [a, b] = await tabs(browser, server, ['new', 'same']);
    const session = await a.context().newCDPSession(a);
    const hidden = (await report(a)).visibility;
    const handoverMs = await handover(server, b, () => session.send('Page.setWebLifecycleState', { state: 'frozen' }));
    const refreshStarted = Date.now();
    const refreshed = await b.evaluate(() =>
      /** @type {any} */ (window).__tab.live
        .getSource('overview')
        .refresh()
        .then((s) => s.status),
    );
    const refreshMs = Date.now() - refreshStarted;
    await session.send('Page.setWebLifecycleState', { state: 'active' });
    const after = await until('the resumed tab to follow', async () => {
      const ra = await report(a);
      return ra.role === 'follower' && ra;
    });
    await a.close();
    await b.close();
    return { handoverMs, hidden, refreshMs, refreshed, events: after.events };
  },

  /** The leader's main thread hangs (a long task) while it holds its locks: a visible follower takes over. */
  async hung(browser, server) {
    const [a, b] = await tabs(browser, server, ['new', 'new']);
    const handoverMs = await handover(server, b, async () => {
      // Not awaited: the page is busy for 12 s.
      void a
        .evaluate(() => {
          const end = Date.now() + 12_000;
          while (Date.now() < end);
        })
        .catch(() => {});
    });
    // When it wakes up, it finds its lock taken and follows: one leader.
    const after = await until(
      'the woken tab to follow',
      async () => {
        const [ra, rb] = [await report(a), await report(b)];
        return ra.role === 'follower' && rb.role === 'leader' && [ra.role, rb.role];
      },
      30_000,
    );
    await a.close();
    await b.close();
    return { handoverMs, roles: after };
  },

  /** Three tabs whose source pushes over WebSocket: one socket for the browser, every tab shows each event. */
  async sockets(browser, server) {
    const pages = await tabs(browser, server, ['new', 'new', 'new']);
    for (const page of pages) await page.evaluate(() => document.querySelector('live-source[name=overview]').setAttribute('transport', 'websocket'));
    const leader = await until('one leader on a socket', async () => {
      const states = await Promise.all(
        pages.map((p) =>
          p.evaluate(() => {
            const { live } = /** @type {any} */ (window).__tab;
            const stream = Object.values(live.$streams.get()).find((s) => s && s.listeners > 0);
            return live.$tabs.get().overview?.role === 'leader' && stream?.state === 'open' && stream.transport;
          }),
        ),
      );
      return states.filter(Boolean).length === 1 && states.find(Boolean);
    });
    const n = Math.floor(Math.random() * 1e9);
    await publish(server, { visitors: n, revenue: 1, conversion: 0, activeNow: 0, generatedAt: new Date().toISOString() });
    await until('every tab to show the event', async () => (await Promise.all(pages.map(report))).every((r) => r.data?.visitors === n));
    // The server hears of the SSE streams the tabs closed when they switched a moment later:
    // give it that moment, then report what it holds (the test asserts one socket, no stream).
    const held = () => fetch(`${server}/api/_control/requests`).then((r) => r.json());
    const open = await until(
      'the server to hold one socket and no SSE stream',
      async () => {
        const o = await held();
        return o.sse === 0 && o.websocket === 1 && o;
      },
      5000,
    ).catch(held);
    for (const page of pages) await page.close();
    return { transport: leader, websocket: open.websocket, sse: open.sse };
  },

  /**
   * An API that lets the browser keep its answers for ten minutes (`max-age=600`, no validators,
   * so a page cannot ask for them conditionally, nor bring any from its offline cache): the example
   * page is reloaded, and left and come back to (from the back/forward cache) once its data went
   * stale. Each time the server must be asked, and the page must say what it said then: never the
   * kept answer as new.
   */
  async httpCache(browser, server) {
    const faults = (body) => fetch(`${server}/api/_control/faults`, { method: 'POST', body: JSON.stringify(body) });
    const asked = async () => (await fetch(`${server}/api/_control/requests`).then((r) => r.json())).requests.filter((r) => r.path === '/api/overview').length;
    /** What the page says once its source has an answer from the server: the badge, and the data's age. */
    const says = (page) =>
      until('the page to settle', () =>
        page.evaluate(() => {
          const state = /** @type {any} */ (window).__tab.live.getSource('overview')?.state;
          const badge = document.querySelector('live-source-badge')?.getAttribute('state');
          return state?.status === 'idle' && state.origin !== 'cache' && { badge, origin: state.origin, ageMs: Date.now() - state.updatedAt };
        }),
      );
    await faults({ caching: 'max-age', maxAge: 600, validators: false });
    const page = await browser.open(`${server}/examples/html/`);
    try {
      await instrument(page);
      const first = await says(page);
      await new Promise((r) => setTimeout(r, 1500));

      // Reloaded: a new page of widgets, in the same browser, whose cache holds the answer.
      let before = await asked();
      await page.reload();
      await instrument(page);
      const reloaded = { ...(await says(page)), asked: (await asked()) - before };

      // Its data stale (a ttl of a second), the page is left for another and come back to.
      await page.evaluate(() => document.querySelector('live-source').setAttribute('ttl', '1s'));
      await new Promise((r) => setTimeout(r, 1500));
      before = await asked();
      await page.goto(`${server}/api/campaigns`);
      await page.goBack({ waitUntil: 'commit' });
      await until('the page back and asking', async () => (await asked()) > before || undefined);
      const back = { ...(await says(page)), asked: (await asked()) - before, events: await page.evaluate(() => /** @type {any} */ (window).__tab.events) };
      return { first, reloaded, back };
    } finally {
      await faults({ reset: true });
      await page.close();
    }
  },

  /** A follower crashes without a word: the leader stops counting it. */
  async count(browser, server) {
    const [a, b, c] = await tabs(browser, server, ['new', 'new', 'new']);
    await until('three tabs counted', async () => (await report(a)).tabs === 3);
    const session = await c.context().newCDPSession(c);
    const started = Date.now();
    void session.send('Page.crash').catch(() => {});
    await until('the crashed tab to drop out', async () => (await report(a)).tabs === 2, 20_000);
    const droppedMs = Date.now() - started;
    await b.close();
    await until('the closed tab to drop out', async () => (await report(a)).tabs === 1);
    await c.close().catch(() => {});
    await a.close();
    return { droppedMs };
  },
};
