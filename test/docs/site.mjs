// The documentation site as people meet it: its build (`npm run docs`), served by the reference
// server under /docs/ as `npm start` serves it, each page opened in a Chromium of its own
// (Playwright), at 375 px and at 1280 px, light and dark. Run in Node through the test runner's
// server commands (`executeServerCommand('site', …)`); test/docs/site.test.ts crawls.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { DEMO_TTLS } from '../../demo/app-cache.mjs';
import { startServer } from '../../demo/server.mjs';
import { CHROMIUM_ARGS } from '../lifecycle/tabs.mjs';
import { WIDTHS } from '../demo/pages.mjs';

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
/** What the examples fail on purpose: the error alert's address that does not exist. */
const MEANT = [/\/api\/orders(\?|$)/];

let running;
async function setup() {
  running ??= Promise.all([
    chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS }),
    // Data that changes hourly: an edited example differs by what the edit asked for, not by time.
    startServer({ port: 0, host: '127.0.0.1', quiet: true, demo: true, period: 3_600_000, appCache: { ttls: DEMO_TTLS }, operatorToken: 'docs-operator' }),
  ]);
  return running;
}

export async function stop() {
  const [browser, server] = (await running) ?? [];
  running = undefined;
  contexts.clear();
  await Promise.all([browser?.close(), server?.close()]);
}

/** One page: what it logged, axe, what sticks out, its examples and their requests, its links and ids. */
async function visit(context, base, path) {
  const page = await context.newPage();
  const errors = [];
  const api = new Set();
  page.on('console', (m) => {
    if (m.type() === 'error' && !MEANT.some((r) => r.test(m.location().url ?? ''))) errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/')) api.add(url.pathname);
  });
  try {
    const res = await page.goto(base + path);
    // Each example's elements are defined and have rendered (a source renders nothing: it fetched).
    const examples = await page.locator('.live-example-preview').count();
    if (examples)
      await page
        .waitForFunction(
          () =>
            [...document.querySelectorAll('.live-example-preview [class], .live-example-preview *')]
              .filter((e) => e.localName.startsWith('live-'))
              .every(
                (e) =>
                  customElements.get(e.localName) &&
                  (e.localName === 'live-source' ||
                    (e.localName === 'live-error-alert' && !e.hasAttribute('open')) ||
                    (e.shadowRoot?.textContent ?? '').trim()),
              ),
          null,
          { timeout: 10_000 },
        )
        .catch(() => {});
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll('.live-example-preview')].map((p) =>
        [...p.querySelectorAll('*')]
          .filter((e) => e.localName.startsWith('live-'))
          .map((e) => ({
            tag: e.localName,
            defined: !!customElements.get(e.localName),
            // A source renders nothing, and an alert nothing while there is no error.
            text:
              e.localName === 'live-source'
                ? '(renders nothing)'
                : e.localName === 'live-error-alert' && !e.hasAttribute('open')
                  ? '(no error)'
                  : (e.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim(),
          })),
      ),
    );
    await page.addScriptTag({ content: AXE });
    const axe = await page.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] });
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    const facts = await page.evaluate(() => {
      const vw = document.documentElement.clientWidth;
      return {
        wider: document.documentElement.scrollWidth > vw,
        links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
        ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
      };
    });
    return { path, status: res?.status() ?? 0, errors, axe, examples: shown, api: [...api], ...facts };
  } finally {
    await page.close();
  }
}

/** One browser context per width and scheme, kept for the crawl's pages. */
const contexts = new Map();

/**
 * One page of the site at `width` in `scheme`, as `visit` sees it, with the server's origin and,
 * for its links that leave /docs/ for the rest of the server (the demo), their statuses. The test
 * crawls page by page: each command stays well within the runner's 20 s for one.
 */
export async function sitePage({ width = 'desktop', scheme = 'light', path = '/docs/' } = {}) {
  const [browser, server] = await setup();
  const key = `${width} ${scheme}`;
  if (!contexts.has(key)) contexts.set(key, await browser.newContext({ viewport: WIDTHS[width], colorScheme: scheme, locale: 'en-US' }));
  const seen = await visit(contexts.get(key), server.url, path);
  const outside = [];
  for (const href of new Set(seen.links)) {
    const url = new URL(href);
    if (url.origin === server.url && !url.pathname.startsWith('/docs/')) outside.push({ href, status: (await fetch(href)).status });
  }
  return { ...seen, origin: server.url, outside };
}

/**
 * The "break it" page as QA uses it, at its first fault (every answer a 500): switched on, then
 * healed, each time with a refresh pressed. Returns what the section's alert said each time, and
 * what the switch said.
 */
export async function breakIt() {
  const [browser, server] = await setup();
  const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${server.url}/docs/guide/break-it.html`);
    const example = page.locator('.live-example-preview').first();
    const alert = example.locator('live-error-alert');
    const alertSays = () => alert.evaluate((el) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim());
    // The data is on screen (live, or from the server's cache, as the crawl left it).
    await example.locator('live-source-badge[state]:not([state=loading])').waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Break it: every answer is a 500' }).click();
    const status = page.locator('.fault-switch [role=status]').first();
    await page.waitForFunction((el) => el.textContent !== '', await status.elementHandle(), { timeout: 5_000 });
    const broke = await status.textContent();
    await example.locator('live-refresh-button button').click();
    await page.waitForFunction((el) => /HTTP 500/.test(el.shadowRoot?.textContent ?? ''), await alert.elementHandle(), { timeout: 10_000 });
    const failing = await alertSays();
    await page.getByRole('button', { name: 'Heal the server' }).first().click();
    await page.waitForFunction((el) => el.textContent === 'The server is healthy again.', await status.elementHandle(), { timeout: 5_000 });
    await example.locator('live-refresh-button button').click();
    // The alert closes by itself once the source's fetch succeeds.
    await page.waitForFunction((el) => (el.shadowRoot?.textContent ?? '').trim() === '', await alert.elementHandle(), { timeout: 15_000 });
    return { broke, failing, healed: await alertSays(), errors };
  } finally {
    await fetch(`${server.url}/api/_control/faults`, { method: 'POST', body: JSON.stringify({ reset: true }) });
    await context.close();
  }
}

/**
 * An element's page as a reader uses its live example: the markup edited (an attribute changed),
 * then reset. Returns what the example showed each time.
 */
export async function editExample() {
  const [browser, server] = await setup();
  const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const shown = () =>
    page.locator('.live-example-preview').evaluate((p) => [...p.querySelectorAll('live-value')].map((v) => v.shadowRoot?.textContent?.trim() ?? ''));
  try {
    await page.goto(`${server.url}/docs/elements/live-value.html`);
    const values = () =>
      page.waitForFunction(() => [...document.querySelectorAll('.live-example-preview live-value')].every((v) => v.shadowRoot?.textContent?.trim()));
    await values();
    const before = await shown();
    const code = page.getByLabel('Live example: edit the markup, and it runs again');
    // The reader asks for another field, as a number: the example runs again with it.
    await code.fill((await code.inputValue()).replace('path="revenue" format="currency" currency="EUR"', 'path="visitors"'));
    // Until the new source has its data, the value shows its placeholder: wait for a number.
    const first = () => document.querySelector('.live-example-preview live-value')?.shadowRoot?.textContent?.trim() ?? '';
    await page.waitForFunction(`/^[\\d,]+$/.test((${first})())`, null, { timeout: 5_000 });
    await values();
    const edited = await shown();
    await page.getByRole('button', { name: 'Reset the example' }).click();
    await page.waitForFunction((was) => document.querySelector('.live-example-preview live-value')?.shadowRoot?.textContent?.trim() === was, before[0], {
      timeout: 5_000,
    });
    return {
      before,
      edited,
      reset: await shown(),
      sources: await page.evaluate(() => document.querySelectorAll('.live-example-preview live-source').length),
      errors,
    };
  } finally {
    await context.close();
  }
}

/** The README's links to files of the repository that are not there (links to other sites are not followed). */
export function readmeLinks() {
  const readme = readFileSync('README.md', 'utf8');
  const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:/i.test(t) && !t.startsWith('#'));
  return targets.filter((t) => !existsSync(join(dirname('README.md'), t.split('#')[0])));
}
