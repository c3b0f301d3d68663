// The engines the browser tests run in, each the browser Debian ships: Chromium through
// Playwright, Firefox through puppeteer over WebDriver BiDi, WebKitGTK's MiniBrowser through
// WebKitWebDriver (classic WebDriver) on a virtual display this file starts. `ENGINES=firefox`
// (a comma-separated list) picks some; each says its version in the run's output.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromeLauncher } from '@web/test-runner-chrome';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import puppeteer from 'puppeteer-core';
import { BrowsingContext } from 'puppeteer-core/internal/bidi/core/BrowsingContext.js';
import { freePort, reachable } from '../deploy/nchan/start.mjs';
import { CHROMIUM_ARGS } from './lifecycle/tabs.mjs';

const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.MINIBROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

// Firefox ESR 140 (Debian 12's) has no `emulation.setScreenOrientationOverride`, which puppeteer
// 24.4x sends with every `setViewport` (the runner sets one on each page), so every file failed
// there. Puppeteer tolerates a browser without `setTouchOverride` ("unknown command"); this does
// the same for the orientation, which no test of ours reads.
const setOrientation = BrowsingContext.prototype.setScreenOrientationOverride;
BrowsingContext.prototype.setScreenOrientationOverride = function (...args) {
  return setOrientation.apply(this, args).catch((e) => {
    if (!/unknown command|unsupported operation/.test(e?.message ?? '')) throw e;
  });
};

/** What each engine's browser says of its version, or why it is missing. */
export function version(engine) {
  const run = (cmd, args) => spawnSync(cmd, args, { encoding: 'utf8' });
  if (engine === 'chromium') return existsSync(CHROMIUM) ? run(CHROMIUM, ['--version']).stdout.trim() : `missing: ${CHROMIUM}`;
  if (engine === 'firefox') return existsSync(FIREFOX) ? run(FIREFOX, ['--version']).stdout.trim() : `missing: ${FIREFOX}`;
  if (!existsSync(WEBKIT_DRIVER) || !existsSync(MINIBROWSER)) return `missing: ${WEBKIT_DRIVER} or ${MINIBROWSER} (apt-get install webkit2gtk-driver xvfb)`;
  const pkg = run('dpkg-query', ['-W', '-f=${Version}', 'libwebkit2gtk-4.1-0']).stdout.trim();
  return `WebKitGTK ${pkg || '(version unknown)'} MiniBrowser`;
}

/** Xvfb and WebKitWebDriver, started once, stopped by `stop()`. */
let webkit;
export async function startWebKit() {
  const display = `:${90 + (process.pid % 9)}`;
  const xvfb = spawn('Xvfb', [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  const port = await freePort();
  // Under C.UTF-8, WebKit's navigator.language is "C", which Intl refuses.
  const env = { ...process.env, DISPLAY: display, LANG: 'en_US.UTF-8' };
  const driver = spawn(WEBKIT_DRIVER, [`--port=${port}`], { env, stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await reachable(port)); i++) await new Promise((r) => setTimeout(r, 50));
  if (!(await reachable(port))) throw new Error('WebKitWebDriver did not start');
  return { port, stop: () => [driver, xvfb].forEach((p) => p.exitCode === null && p.kill()) };
}

/** What WebKitWebDriver is asked for: MiniBrowser, under automation, over classic WebDriver. */
export const WEBKIT_CAPABILITIES = {
  browserName: 'MiniBrowser',
  // The driver has no BiDi: webdriverio would ask for it and be refused.
  'wdio:enforceWebDriverClassic': true,
  'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
  // Navigating to each test file returns at once: the runner waits for the page to report in,
  // and says so when it does not. Waiting for the load instead once hung the driver for its 120 s
  // timeout, which stopped the whole WebKit run.
  pageLoadStrategy: 'none',
};

export const LAUNCHERS = {
  chromium: () => playwrightLauncher({ product: 'chromium', launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS } }),
  // With puppeteer given, the launcher names the engine after `browser` (else it says "Chrome").
  firefox: () => chromeLauncher({ puppeteer, launchOptions: { browser: 'firefox', executablePath: FIREFOX, headless: true } }),
  webkit: async () => {
    webkit ??= await startWebKit();
    return webdriverLauncher({
      hostname: '127.0.0.1',
      port: webkit.port,
      logLevel: 'error',
      capabilities: WEBKIT_CAPABILITIES,
    });
  },
};

/** The engines asked for (`ENGINES`), all three by default. */
export function engines(asked = process.env.ENGINES ?? 'chromium,firefox,webkit') {
  const list = asked
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const engine of list) if (!LAUNCHERS[engine]) throw new Error(`ENGINES names ${engine}; the engines are ${Object.keys(LAUNCHERS).join(', ')}.`);
  return list;
}

export const stop = () => webkit?.stop();

/**
 * Test files whose browsers Node drives, whichever engine the runner has, by engine: the demo's
 * page checks run once, in Chromium; the tab lifecycle scenarios in Chromium (CDP freezes and
 * crashes pages, and only a browser started outside the runner keeps its back/forward cache on)
 * and, those that need none of that, in Firefox; the documentation site's checks once, beside the
 * Firefox and WebKit runs (for the time: they drive a Chromium of their own). WebKitWebDriver opens one browser per session,
 * whose tabs would share no locks: none there.
 */
export const NODE_DRIVEN = {
  'test/demo/{demo,demo-failing,html-example}.test.ts': ['chromium'],
  // The demo broken and healed, read from its panels: beside the WebKit run, which ends first.
  'test/demo/healed.test.ts': ['webkit'],
  'test/lifecycle/**/*.test.ts': ['chromium', 'firefox'],
  // The documentation site's checks drive a Chromium of their own too: its pages are visited
  // beside the Firefox run, and the few pages played step by step (the faults, search, an edited
  // example) beside the WebKit run, which ends first. Not the pages' visits in both: two more
  // Chromiums at work at once on two cores made the demo's checks miss their time.
  'test/docs/site-*.test.ts': ['firefox'],
  'test/docs/{links,break-it}.test.ts': ['webkit'],
};
