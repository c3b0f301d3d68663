// The demo page and the plain HTML example as people see them: opened by a Chromium of its own
// (Playwright) from the reference server, at a phone's width and a desktop's, light and dark,
// in each state QA puts the demo in. Run in Node through the test runner's server commands
// (`executeServerCommand('pages', …)`); `node test/demo/pages.mjs --screenshots` writes the
// README's screenshots instead.
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { startServer } from '../../demo/server.mjs';
import { TTLS } from '../../demo/app-cache.mjs';
import { CHROMIUM_ARGS } from '../lifecycle/tabs.mjs';
import { ar, de } from '../../demo/words.js';

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
export const WIDTHS = { phone: { width: 375, height: 812 }, desktop: { width: 1280, height: 900 } };

/** The operator's token of the pages' server (`npm start` makes one and prints it; here it is known). */
const OPERATOR = 'demo-operator-2f9';

let running;
/**
 * One browser and one reference server for every check: in demo mode with its cache, as `npm start`
 * runs it, but with the production times to live: the demo's 30 s let an entry go between the
 * checks of one walk (CI once saw "1 entries removed" where the page held 2).
 */
async function setup() {
  running ??= Promise.all([
    chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS }),
    startServer({ port: 0, host: '127.0.0.1', quiet: true, demo: true, appCache: { ttls: TTLS }, operatorToken: OPERATOR }),
  ]);
  return running;
}

/**
 * QA's walk through the demo's "The server's cache": a clear asked with no token, then with the
 * operator's. Returns what the page said each time, and what reached the server.
 */
export async function operatorWalk() {
  const [browser, server] = await setup();
  const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const api = async (path, init) => (await fetch(`${server.url}/api/${path}`, init)).json();
  const asked = async () => (await api('_control/requests')).requests.filter((r) => /^\/api\/(overview|campaigns)$/.test(r.path)).length;
  /** What the cache status's part says, once it says something. */
  const said = (part) =>
    page
      .waitForFunction((p) => document.querySelector('live-cache-status').shadowRoot.querySelector(`[part~='${p}']`)?.textContent.trim() || null, part, {
        timeout: 10_000,
      })
      .then((h) => h.jsonValue());
  const clear = async () => {
    await page.locator('live-cache-status [part~=clear]').click();
    await page.locator('live-cache-status [part~=confirm-button]').click();
  };
  try {
    await api('_control/faults', { method: 'POST', body: JSON.stringify({ reset: true }) });
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => document.querySelector('live-cache-status')?.shadowRoot?.querySelector('[part~=keys]'), null, { timeout: 10_000 });
    const held = (await api('cache/status')).total_keys;
    await clear();
    const refused = await said('error');
    const keptKeys = (await api('cache/status')).total_keys;
    await page.fill('#operator-token', OPERATOR);
    const before = await asked();
    await clear();
    const result = await said('result');
    // Every widget of the page fetches again, and the entries are built anew.
    await page.waitForFunction(
      async (n) => (await (await fetch('/api/_control/requests')).json()).requests.filter((r) => /^\/api\/(overview|campaigns)$/.test(r.path)).length >= n + 2,
      before,
      { timeout: 10_000 },
    );
    const rebuilt = (await api('cache/status')).keys.map((k) => k.key);
    const alert = await page.evaluate(() => document.querySelector('live-cache-status').shadowRoot.querySelector('[part~=error]').textContent.trim());
    return { held, refused, keptKeys, result, refetched: (await asked()) - before, rebuilt, alert, errors };
  } finally {
    await context.close();
  }
}

export async function stop() {
  const [browser, server] = (await running) ?? [];
  running = undefined;
  await Promise.all([browser?.close(), server?.close()]);
}

/** QA's states of the demo: as loaded; the server failing (alerts, failing badges, diagnostics open). */
const STATES = {
  loaded: async () => {},
  failing: async (page, url) => {
    await fetch(`${url}/api/_control/faults`, { method: 'POST', body: JSON.stringify({ status: 500 }) });
    await page.evaluate(() => {
      for (const d of document.querySelectorAll('live-diagnostics')) d.open = true;
      for (const b of document.querySelectorAll('live-refresh-button')) b.refresh();
    });
    // Every section's alert shows the failure, and the QA panel shows the fault set through the API.
    await page.waitForFunction(() => [...document.querySelectorAll('live-error-alert')].every((a) => a.open), null, { timeout: 10_000 });
    await page.waitForFunction(() => document.getElementById('faults-state')?.textContent === 'Faults on: status 500.', null, { timeout: 5_000 });
  },
  // The fault panel breaks the server and heals it; the panels, which record (`record`), are opened after.
  healed: async (page, url) => {
    const refresh = () => page.evaluate(() => document.querySelector('live-refresh-button').refresh());
    await fetch(`${url}/api/_control/faults`, { method: 'POST', body: JSON.stringify({ status: 500 }) });
    await refresh();
    await page.waitForFunction(() => document.querySelector('live-source-badge').getAttribute('state') !== 'live', null, { timeout: 10_000 });
    await fetch(`${url}/api/_control/faults`, { method: 'POST', body: JSON.stringify({ reset: true }) });
    await refresh();
    await page.waitForFunction(() => document.querySelector('live-source-badge').getAttribute('state') === 'live', null, { timeout: 10_000 });
    await page.evaluate(() => {
      for (const d of document.querySelectorAll('live-diagnostics')) d.open = true;
    });
    await page.waitForFunction(() => [...document.querySelectorAll('live-diagnostics')].every((d) => d.shadowRoot.querySelector('.history')), null, {
      timeout: 5_000,
    });
    // Each panel's charts and timeline of the overview, opened as a support engineer would.
    const overviews = () =>
      [...document.querySelectorAll('live-diagnostics')].map((d) =>
        [...d.shadowRoot.querySelectorAll('.history')].find((h) => h.querySelector('h3').textContent.includes('Overview')),
      );
    await page.evaluate(`(${overviews})().forEach((h) => h.querySelector('summary').click())`);
    await page.waitForFunction(`(${overviews})().every((h) => h.querySelector('table'))`, null, { timeout: 5_000 });
  },
};

/** What each panel shows of what happened to the overview: the timeline's first column, newest first, and its pictures. */
function historyOf() {
  return [...document.querySelectorAll('live-diagnostics')].map((d) => {
    const section = [...d.shadowRoot.querySelectorAll('.history')].find((h) => h.querySelector('h3').textContent.includes('Overview'));
    return {
      lang: d.closest('[lang]')?.lang ?? 'en',
      happened: section ? [...section.querySelectorAll('tbody tr')].map((tr) => tr.children[1].textContent.trim()) : [],
      said: section ? [...section.querySelectorAll('tbody tr')].map((tr) => tr.children[2].textContent.trim()) : [],
      lanes: section ? [...section.querySelectorAll('.lanes svg')].map((svg) => svg.dataset.state) : [],
      charts: section ? [...section.querySelectorAll('figure svg')].filter((svg) => svg.getBoundingClientRect().width > 0).length : 0,
    };
  });
}

/** Everything an element says, through shadow roots: text, accessible names and titles. */
function deepWords(root) {
  const out = [];
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) out.push(node.textContent);
    if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) return;
    if (node.nodeType === Node.ELEMENT_NODE) {
      // Styles, scripts, and what the elements mark as data (server messages, job names, URLs).
      if (['STYLE', 'SCRIPT'].includes(node.tagName) || node.getAttribute('translate') === 'no') return;
      for (const a of ['aria-label', 'title', 'placeholder']) if (node.getAttribute(a)) out.push(node.getAttribute(a));
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return out.join('\n');
}

/** The page `check` opened in its first step, for its second. */
let opened;

/**
 * Opens `path` at `width` in `scheme`, puts it in `state`, and returns what a person would meet:
 * axe's violations (WCAG 2.2 A and AA and best practices, through shadow roots), whether the page
 * is wider than the screen (and what sticks out), accessible names that repeat, and for the German
 * and Arabic sections every English word of the elements' that shows there. In steps where a
 * loaded machine needs them, each within the runner's 20 s for a command: `step: 'open'` opens
 * the page and puts it in its state, `step: 'axe'` runs axe on it, `step: 'check'` looks at the
 * rest; without a step, all of them.
 */
export async function check({ path = '/', width = 'desktop', scheme = 'light', state = 'loaded', step }) {
  if (step !== 'check' && step !== 'axe') {
    await opened?.context.close();
    opened = undefined;
    const [browser, server] = await setup();
    const context = await browser.newContext({ viewport: WIDTHS[width], colorScheme: scheme, locale: 'en-US' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    opened = { context, page, errors };
    try {
      await fetch(`${server.url}/api/_control/faults`, { method: 'POST', body: JSON.stringify({ reset: true }) });
      const res = (opened.res = await page.goto(`${server.url}${path}`));
      if (!res.ok()) throw Object.assign(new Error('not found'), { status: res.status() });
      // The elements have defined themselves and the first data is on screen.
      await page.waitForFunction(() => document.querySelector('live-source-badge')?.getAttribute('state') === 'live', null, { timeout: 10_000 });
      await STATES[state](page, server.url);
    } catch (e) {
      await context.close();
      opened = undefined;
      if (e.status) return { status: e.status };
      throw e;
    }
    if (step === 'open') return { status: opened.res.status() };
  }
  const { context, page, errors, res } = opened;
  if (step !== 'check' || !opened.axe) {
    try {
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await page.addScriptTag({ content: AXE });
      opened.axe = await page.evaluate(async () => {
        const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] });
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
    } catch (e) {
      await context.close();
      opened = undefined;
      throw e;
    }
    if (step === 'axe') return { status: res.status() };
  }
  const { axe } = opened;
  opened = undefined;
  try {
    const overflow = await page.evaluate(() => {
      const vw = document.documentElement.clientWidth;
      const wide = [];
      const walk = (root) => {
        for (const el of root.querySelectorAll('*')) {
          const r = el.getBoundingClientRect();
          if (r.width && (r.right > vw + 0.5 || r.left < -0.5))
            wide.push(
              `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : ''} ${Math.round(r.left)}–${Math.round(r.right)}`,
            );
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(document);
      return { page: document.documentElement.scrollWidth, viewport: vw, wide: wide.slice(0, 8) };
    });
    // Every control inside the elements is a target of at least 24 × 24 px (WCAG 2.2, 2.5.8, without the spacing exception).
    const small = await page.evaluate(() => {
      const found = [];
      const walk = (root, inside) => {
        for (const el of root.querySelectorAll('*')) {
          if (inside && el.matches('button, select, input, summary, a[href]')) {
            const r = el.getBoundingClientRect();
            if (r.width && (r.width < 23.5 || r.height < 23.5))
              found.push(`${el.getRootNode().host.tagName.toLowerCase()} ${el.tagName.toLowerCase()} ${r.width.toFixed(1)}×${r.height.toFixed(1)}`);
          }
          if (el.shadowRoot) walk(el.shadowRoot, true);
        }
      };
      walk(document, false);
      return [...new Set(found)];
    });
    const snapshot = await page.locator('body').ariaSnapshot();
    const names = [...snapshot.matchAll(/- (button|link|checkbox|switch|combobox|textbox|slider|spinbutton)(?: "([^"]*)")?/g)].map(
      ([, role, name = '']) => `${role} "${name}"`,
    );
    const repeated = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
    const english = {};
    for (const [lang, words] of Object.entries({ de, ar })) {
      const text = await page.evaluate(
        ({ lang, walk }) => {
          const section = document.querySelector(`section[lang=${lang}]`);
          return section ? new Function('root', `return (${walk})(root)`)(section) : null;
        },
        { lang, walk: deepWords.toString() },
      );
      if (text === null) continue;
      english[lang] = await page.evaluate(
        async ({ text, words }) => {
          // The elements' English words (those a translation changes), cut at their placeholders,
          // and the data layer's own English error sentences (shown where no `error.*` word is given).
          const { defaultStrings } = await import('/dist/live-widgets.js');
          const en = {
            ...defaultStrings,
            'error.http': 'The server answered with an error',
            'error.network': 'Could not reach the server',
            'error.timeout': 'The server took too long to answer',
            'error.rate-limited': 'Too many requests',
            'error.parse': 'could not be read',
            'error.aborted': 'The request was cancelled',
          };
          const found = new Set();
          // A word the translation uses itself (German "Version", "Server-Sent Events") is not English on that page.
          const own = Object.values(words).join('\n');
          for (const [key, word] of Object.entries(en)) {
            if (words[key] === word) continue;
            for (const piece of word.split(/\{\w+\}/)) {
              const p = piece
                .trim()
                .replace(/^[:.,;·]+|[:.,;·]+$/g, '')
                .trim();
              if (p.length >= 4 && !own.includes(p) && new RegExp(`(^|[^\\p{L}])${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(text))
                found.add(p);
            }
          }
          return [...found];
        },
        { text, words },
      );
    }
    const rtl = await page.evaluate(() => {
      const d = document.querySelector('section[lang=ar] live-diagnostics');
      return d ? getComputedStyle(d.shadowRoot.querySelector('details')).direction : null;
    });
    const history = await page.evaluate(historyOf);
    return { status: res.status(), axe, overflow, small, repeated, english, rtl, errors, history };
  } finally {
    await context.close();
  }
}

/** The README's screenshots: the demo light and dark, desktop and phone, and its German and Arabic sections. */
/** JPEG for the README (small); `--png` for a closer look. */
const FORMAT = process.argv.includes('--png') ? { type: 'png' } : { type: 'jpeg', quality: 60 };
const EXT = FORMAT.type;

async function screenshots() {
  const [browser, server] = await setup();
  await mkdir('docs/screenshots', { recursive: true });
  for (const [scheme, width] of [
    ['light', 'desktop'],
    ['dark', 'desktop'],
    ['light', 'phone'],
    ['dark', 'phone'],
  ]) {
    const context = await browser.newContext({ viewport: WIDTHS[width], colorScheme: scheme, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => document.querySelector('live-source-badge')?.getAttribute('state') === 'live');
    await page.evaluate(() => document.querySelector('main > live-diagnostics').setAttribute('open', ''));
    await page.waitForTimeout(500);
    await page.screenshot({ path: `docs/screenshots/demo-${scheme}-${width}.${EXT}`, fullPage: width === 'desktop', ...FORMAT });
    for (const lang of width === 'desktop' && scheme === 'light' ? ['de', 'ar'] : []) {
      await page.evaluate((lang) => document.querySelector(`section[lang=${lang}] live-diagnostics`).setAttribute('open', ''), lang);
      await page.waitForTimeout(300);
      await page.locator(`section[lang=${lang}]`).screenshot({ path: `docs/screenshots/demo-${lang}.${EXT}`, ...FORMAT });
    }
    await context.close();
  }
  await stop();
}

if (process.argv.includes('--screenshots')) await screenshots();
