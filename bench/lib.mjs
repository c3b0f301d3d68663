// What every benchmark shares: the reference server with a request counter, Chromium, the pages
// (built into dist/bench/ so they are same-origin with the API, as a host's pages are), and figures.
import { build } from 'esbuild';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { startServer } from '../demo/server.mjs';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** High-resolution wall-clock ms, comparable with a page's `performance.timeOrigin + performance.now()`. */
export const now = () => performance.timeOrigin + performance.now();

export function quantile(values, q) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
export const median = (values) => quantile(values, 0.5);

/** Builds every bench/pages/*.js into dist/bench/ with an HTML page each; the CDN file stays external. */
export async function buildPages() {
  await mkdir('dist/bench', { recursive: true });
  const pages = (await readdir('bench/pages')).filter((f) => f.endsWith('.js') && f !== 'common.js');
  await build({
    entryPoints: pages.map((f) => `bench/pages/${f}`),
    outdir: 'dist/bench',
    bundle: true,
    minify: true,
    format: 'esm',
    external: ['/dist/*'],
    define: { 'process.env.NODE_ENV': '"production"' },
    conditions: ['production'],
    nodePaths: ['bench/node_modules', 'node_modules'],
    logLevel: 'warning',
  });
  for (const f of pages) {
    const name = f.replace(/\.js$/, '');
    await writeFile(
      `dist/bench/${name}.html`,
      `<!doctype html><meta charset="utf-8"><title>${name}</title><body><script type="module" src="${name}.js"></script></body>`,
    );
  }
}

/**
 * The reference server, in demo mode (faults switchboard), counting every request and stream
 * connection that reaches it, and the bytes on its sockets.
 */
export async function server(options = {}) {
  const ref = await startServer({ port: 0, quiet: true, demo: true, ...options });
  const counts = { requests: new Map(), streams: 0 };
  const sockets = new Set();
  ref.server.on('connection', (socket) => sockets.add(socket));
  ref.server.on('request', (req) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/api/stream') counts.streams++;
    else if (path.startsWith('/api/') && !path.startsWith('/api/_control/')) counts.requests.set(path, (counts.requests.get(path) ?? 0) + 1);
  });
  return {
    ...ref,
    counts,
    reset() {
      counts.requests.clear();
      counts.streams = 0;
    },
    requests: (path) => counts.requests.get(path) ?? 0,
    /** Bytes read and written on every socket so far (closed ones included). */
    bytes: () => [...sockets].reduce((t, s) => ({ read: t.read + s.bytesRead, written: t.written + s.bytesWritten }), { read: 0, written: 0 }),
  };
}

export async function browser() {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--enable-precise-memory-info',
    ],
  });
}

/** Waits until `test()` (in the page) is true. */
export async function until(page, test, arg, timeout = 30_000) {
  await page.waitForFunction(test, arg, { timeout, polling: 50 });
}
