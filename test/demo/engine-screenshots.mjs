// The demo as Firefox and WebKit draw it, light and dark, for the README (Chromium's are taken by
// `node test/demo/pages.mjs --screenshots`): `node test/demo/engine-screenshots.mjs` after
// `npm run build`. Firefox through puppeteer over WebDriver BiDi, WebKitGTK's MiniBrowser through
// WebKitWebDriver, as the tests run them (test/engines.mjs); dark through the demo's own theme switch.
import { mkdir } from 'node:fs/promises';
import puppeteer from 'puppeteer-core';
import { remote } from 'webdriverio';
import { startServer } from '../../demo/server.mjs';
import { FIREFOX, startWebKit, WEBKIT_CAPABILITIES } from '../engines.mjs';

const SIZE = { width: 1280, height: 900 };
const live = () => document.querySelector('live-source-badge')?.getAttribute('state') === 'live';
const theme = (scheme) => {
  const select = document.getElementById('theme');
  select.value = scheme;
  select.dispatchEvent(new Event('change'));
  document.querySelector('main > live-diagnostics')?.setAttribute('open', '');
};
const file = (engine, scheme, ext = 'jpeg') => `docs/screenshots/demo-${scheme}-${engine}.${ext}`;

async function firefox(url) {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
  try {
    const page = await browser.newPage();
    await page.setViewport(SIZE);
    await page.goto(url);
    await page.waitForFunction(live);
    for (const scheme of ['light', 'dark']) {
      await page.evaluate(theme, scheme);
      await new Promise((r) => setTimeout(r, 500));
      await page.screenshot({ path: file('firefox', scheme), type: 'jpeg', quality: 60 });
    }
  } finally {
    await browser.close();
  }
}

async function webkit(url) {
  const driver = await startWebKit();
  const browser = await remote({
    hostname: '127.0.0.1',
    port: driver.port,
    logLevel: 'error',
    capabilities: WEBKIT_CAPABILITIES,
  });
  try {
    await browser.setWindowSize(SIZE.width, SIZE.height);
    await browser.url(url);
    await browser.waitUntil(() => browser.execute(live));
    for (const scheme of ['light', 'dark']) {
      await browser.execute(theme, scheme);
      await browser.pause(500);
      // WebDriver gives PNG only.
      await browser.saveScreenshot(file('webkit', scheme, 'png'));
    }
  } finally {
    await browser.deleteSession();
    driver.stop();
  }
}

const server = await startServer({ port: 0, host: '127.0.0.1', quiet: true, demo: true });
await mkdir('docs/screenshots', { recursive: true });
try {
  await firefox(`${server.url}/`);
  await webkit(`${server.url}/`);
} finally {
  await server.close();
}
