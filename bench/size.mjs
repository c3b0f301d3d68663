// 1. Size: each library bundled the same way (esbuild, minified, production, ES module) from an
// entry that imports what a user of it imports; gzip level 9 and brotli at its default (11).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const version = (name) => JSON.parse(readFileSync(`bench/node_modules/${name}/package.json`, 'utf8')).version;
const ours = JSON.parse(readFileSync('package.json', 'utf8')).version;

export const ENTRIES = [
  { name: 'live-widgets (CDN file: data layer, stores, nine elements, Lit)', kind: 'ours', contents: `export * from './dist/esm/index.js';`, version: ours },
  { name: 'live-widgets/data (headless)', kind: 'ours-data', contents: `export * from './dist/esm/data.js';`, version: ours },
  {
    name: '@tanstack/query-core + persister + broadcast (headless)',
    kind: 'tanstack',
    contents: `export { QueryClient, QueryObserver } from '@tanstack/query-core';
export { persistQueryClient } from '@tanstack/query-persist-client-core';
export { broadcastQueryClient } from '@tanstack/query-broadcast-client-experimental';`,
    version: version('@tanstack/query-core'),
  },
  { name: '@tanstack/query-core alone', kind: 'tanstack-core', contents: `export * from '@tanstack/query-core';`, version: version('@tanstack/query-core') },
  {
    name: 'swr (React itself not counted)',
    kind: 'swr',
    contents: `export * from 'swr'; export { default } from 'swr';`,
    external: ['react', 'react-dom'],
    version: version('swr'),
  },
  { name: '@nanostores/query (with nanostores)', kind: 'nanoquery', contents: `export * from '@nanostores/query';`, version: version('@nanostores/query') },
  {
    name: '@github/relative-time-element',
    kind: 'relative-time',
    contents: `export * from '@github/relative-time-element';`,
    version: version('@github/relative-time-element'),
  },
  {
    name: 'Lit alone (LitElement, html, css)',
    kind: 'lit',
    contents: `export { LitElement, html, css, svg, nothing } from 'lit';`,
    version: JSON.parse(readFileSync('node_modules/lit/package.json', 'utf8')).version,
  },
];

export async function sizes() {
  const rows = [];
  for (const entry of ENTRIES) {
    const { outputFiles } = await build({
      stdin: { contents: entry.contents, resolveDir: process.cwd(), loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      write: false,
      external: entry.external ?? [],
      define: { 'process.env.NODE_ENV': '"production"' },
      conditions: ['production'],
      nodePaths: ['bench/node_modules', 'node_modules'],
      logLevel: 'silent',
    });
    const code = outputFiles[0].contents;
    rows.push({ ...entry, contents: undefined, min: code.length, gzip: gzipSync(code, { level: 9 }).length, brotli: brotliCompressSync(code).length });
  }
  const cdn = readFileSync('dist/live-widgets.js', 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '');
  rows.push({
    name: 'live-widgets dist/live-widgets.js as shipped (terser)',
    kind: 'ours-cdn',
    version: ours,
    min: cdn.length,
    gzip: gzipSync(cdn, { level: 9 }).length,
    brotli: brotliCompressSync(cdn).length,
  });
  return rows;
}
