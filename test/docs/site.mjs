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
import { FAULTS } from '../../docs/.vitepress/faults.mjs';

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
  await played?.context.close();
  played = undefined;
  const [browser, server] = (await running) ?? [];
  running = mapped = undefined;
  contexts.clear();
  await Promise.all([browser?.close(), server?.close()]);
}

/** One page: what it logged, what axe finds in light and in dark, what sticks out, its examples and their requests. */
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
    const wider = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    // Light, then dark on the same page: the site follows the system's scheme as it changes. The
    // page is the same but for its colours: in dark, axe runs the rules that read colours.
    const axe = [];
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForFunction((dark) => document.documentElement.classList.contains('dark') === dark, scheme === 'dark', { timeout: 5_000 });
      const found = await page.evaluate(async (dark) => {
        const rules = dark
          ? { type: 'rule', values: ['color-contrast', 'link-in-text-block'] }
          : ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
        const r = await window.axe.run(document, { runOnly: rules });
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }, scheme === 'dark');
      axe.push(...found.map((v) => `${scheme}: ${v}`));
    }
    return { path, status: res?.status() ?? 0, errors, axe, examples: shown, api: [...api], wider };
  } finally {
    await page.close();
  }
}

/** One browser context per width, kept for the pages. */
const contexts = new Map();

/**
 * One page of the site at `width`, as `visit` sees it, light and dark. The test visits page by
 * page: each command stays well within the runner's 20 s for one.
 */
export async function sitePage({ width = 'desktop', path = '/docs/' } = {}) {
  const [browser, server] = await setup();
  if (!contexts.has(width)) contexts.set(width, await browser.newContext({ viewport: WIDTHS[width], colorScheme: 'light', locale: 'en-US' }));
  return visit(contexts.get(width), server.url, path);
}

const decode = (text) => text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]);

let mapped;
/**
 * Every page reached by a link from /docs/, read from the server's HTML as a crawler reads it
 * (the site is rendered ahead: its links and ids are in it), and the links that lead nowhere: no
 * page, no such anchor on it, or a page of the server beside the site (the demo) that does not
 * answer 200. Made once; the browser visits then share the pages out.
 */
export function siteMap() {
  mapped ??= (async () => {
    const [, server] = await setup();
    const pages = new Map();
    const queue = ['/docs/'];
    while (queue.length) {
      const path = queue.shift();
      if (pages.has(path)) continue;
      const res = await fetch(server.url + path);
      // The site's pages are read; a page beside it (the demo) is only asked for.
      const html = path.startsWith('/docs/') && res.ok && /html/.test(res.headers.get('content-type') ?? '') ? await res.text() : '';
      const links = [...html.matchAll(/<a\b[^>]*?\shref="([^"]*)"/g)].map((m) => new URL(decode(m[1]), server.url + path));
      const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => decode(m[1]));
      pages.set(path, { status: res.status, links, ids });
      for (const url of links) if (url.origin === server.url && !pages.has(url.pathname) && !queue.includes(url.pathname)) queue.push(url.pathname);
    }
    const broken = [];
    for (const [path, page] of pages) {
      if (!path.startsWith('/docs/')) continue;
      for (const url of page.links) {
        const target = pages.get(url.pathname);
        if (!target) continue;
        if (target.status !== 200) broken.push(`${path} → ${url.href} (${target.status})`);
        else if (url.hash && url.pathname.startsWith('/docs/') && !target.ids.includes(decodeURIComponent(url.hash.slice(1))))
          broken.push(`${path} → ${url.href} (no such anchor)`);
      }
    }
    const site = [...pages.keys()].filter((p) => p.startsWith('/docs/') && pages.get(p).status === 200);
    return { pages: site, broken: [...new Set(broken)] };
  })();
  return mapped;
}

/** The "break it" page being played, between its two steps. */
let played;
/** An expectation of faults.mjs met: the words (none: '') or the pattern. */
const meets = (text, want) => (want instanceof RegExp ? want.test(text) : want === '' ? text === '' : text.includes(want));

/**
 * A "break it" page as QA plays it, one step per command: `break` switches its fault on (and
 * presses the example's refresh button, where it has one), `heal` switches it off (and presses
 * it again; not to break a fault whose example `restart`s). Each step waits, up to 15 s, for
 * what faults.mjs says the elements should show then, and returns what each element of the
 * example showed, what the switch said, and any page error. A step that fails heals the server.
 */
export async function breakIt({ fault: slug, step }) {
  const [, server] = await setup();
  try {
    const result = await play(slug, step);
    if (step === 'heal') await played.context.close();
    return result;
  } catch (e) {
    // Whatever went wrong, the next page meets a healthy server.
    await fetch(`${server.url}/api/_control/faults`, { method: 'POST', body: JSON.stringify({ reset: true }) });
    throw e;
  } finally {
    if (step === 'heal') played = undefined;
  }
}

async function play(slug, step) {
  const [browser, server] = await setup();
  const fault = FAULTS.find((f) => f.slug === slug);
  if (step === 'break') {
    await played?.context.close();
    const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'en-US' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    played = { context, page, errors };
    await page.goto(`${server.url}/docs/break-it/${slug}.html`);
    // The data is on screen (first-hand, or from the server's cache), and a stream, if any, is open.
    await page.waitForFunction(
      () => {
        const el = document.querySelector('.live-example-preview live-source');
        const state = el?.source?.state;
        return state?.updatedAt && (!el.hasAttribute('stream') || state.connection === 'streaming');
      },
      null,
      { timeout: 10_000 },
    );
  }
  const { page, errors } = played;
  const example = page.locator('.live-example-preview');
  const status = page.locator('.fault-switch [role=status]');
  const button = step === 'break' ? `Break it: ${fault.label}` : 'Heal the server';
  const before = await status.textContent();
  await page.getByRole('button', { name: button }).click();
  await page.waitForFunction(([el, was]) => el.textContent !== was, [await status.elementHandle(), before], { timeout: 5_000 });
  const refresh = example.locator('live-refresh-button button');
  if ((await refresh.count()) && !(step === 'break' && fault.restart)) await refresh.click();
  const wanted = step === 'break' ? fault.broken : fault.healed;
  const shown = () =>
    example.evaluate(
      (p, tags) => Object.fromEntries(tags.map((t) => [t, (p.querySelector(t)?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim()])),
      wanted.map(([t]) => t),
    );
  const deadline = Date.now() + 15_000;
  let seen = await shown();
  while (!wanted.every(([tag, want]) => meets(seen[tag], want)) && Date.now() < deadline) {
    await page.waitForTimeout(200);
    seen = await shown();
  }
  return { switch: await status.textContent(), shown: seen, errors: [...errors] };
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
    // Each value shows its data, not its placeholder (—).
    const values = () =>
      page.waitForFunction(() =>
        [...document.querySelectorAll('.live-example-preview live-value')].every((v) => !['', '—'].includes(v.shadowRoot?.textContent?.trim() ?? '')),
      );
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

/**
 * The site's search as a reader uses it, at 375 px (where it hides behind its button, a phone's
 * way): opened, `query` typed, the first result chosen with the keyboard. Returns the results'
 * names, where the reader landed, and what axe finds in the open search.
 */
export async function search({ query }) {
  const [browser, server] = await setup();
  const context = await browser.newContext({ viewport: WIDTHS.phone, locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${server.url}/docs/`);
    await page.getByRole('button', { name: 'Search' }).click();
    const input = page.locator('#localsearch-input');
    await input.fill(query);
    await page.locator('#localsearch-list .result').first().waitFor({ timeout: 5_000 });
    const results = await page.locator('#localsearch-list .result').evaluateAll((links) => links.map((a) => a.textContent.replace(/\s+/g, ' ').trim()));
    await page.addScriptTag({ content: AXE });
    const axe = await page.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] });
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    await input.press('Enter');
    await page.waitForURL((url) => url.pathname !== '/docs/', { timeout: 5_000 });
    return { results, landed: new URL(page.url()).pathname + new URL(page.url()).hash, axe, errors };
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
