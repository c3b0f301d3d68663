// The documentation site as people meet it: its build (`npm run docs`), served by the reference
// server under /docs/ as `npm start` serves it, crawled from its home page in a Chromium of its
// own (Playwright), at 375 px and at 1280 px, light and dark. Run in Node through the test
// runner's server commands (`executeServerCommand('site', …)`).
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
    startServer({ port: 0, host: '127.0.0.1', quiet: true, demo: true, appCache: { ttls: DEMO_TTLS }, operatorToken: 'docs-operator' }),
  ]);
  return running;
}

export async function stop() {
  const [browser, server] = (await running) ?? [];
  running = undefined;
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
              .every((e) => customElements.get(e.localName) && (e.localName === 'live-source' || (e.shadowRoot?.textContent ?? '').trim())),
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
            text: e.localName === 'live-source' ? '(renders nothing)' : (e.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim(),
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

/**
 * Crawls the site from /docs/ at `width` in `scheme`: every page reached by a link, each as
 * `visit` sees it, and the links that lead nowhere (a page that is not there, or an anchor that
 * is not on its page).
 */
export async function checkSite({ width = 'desktop', scheme = 'light' } = {}) {
  const [browser, server] = await setup();
  const context = await browser.newContext({ viewport: WIDTHS[width], colorScheme: scheme, locale: 'en-US' });
  const base = server.url;
  try {
    const pages = new Map();
    const queue = ['/docs/'];
    while (queue.length) {
      const path = queue.shift();
      if (pages.has(path)) continue;
      const seen = await visit(context, base, path);
      pages.set(path, seen);
      for (const href of seen.links) {
        const url = new URL(href);
        if (url.origin === base && url.pathname.startsWith('/docs/') && !pages.has(url.pathname)) queue.push(url.pathname);
      }
    }
    const broken = [];
    for (const seen of pages.values()) {
      for (const href of seen.links) {
        const url = new URL(href);
        if (url.origin !== base) continue;
        const target = pages.get(url.pathname);
        if (url.pathname.startsWith('/docs/')) {
          if (target?.status !== 200) broken.push(`${seen.path} → ${href} (${target?.status})`);
          else if (url.hash && !target.ids.includes(decodeURIComponent(url.hash.slice(1)))) broken.push(`${seen.path} → ${href} (no such anchor)`);
        } else if ((await fetch(href)).status !== 200) broken.push(`${seen.path} → ${href}`);
      }
    }
    // What the test reads: each page without its links and ids.
    const shown = [...pages.values()].map((page) => Object.fromEntries(Object.entries(page).filter(([key]) => key !== 'links' && key !== 'ids')));
    return { pages: shown, broken: [...new Set(broken)] };
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
