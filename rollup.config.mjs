// Three builds. The npm build: readable ES modules, one per source module, dependencies left to
// the host's bundler (a bundler makes chunks of the parts a source loads only when it needs them),
// in production and development trees. The CDN single file: one minified file with production
// Lit, every element and the JS API, and beside it the parts loaded only when used. The CDN
// autoloading build (dist/cdn/): live-widgets.auto.js, one module per element and for the data
// layer, and the chunks they share, each fetched only when a page uses it.
// esbuild transpiles the TypeScript: TypeScript 7 has no JS API for @rollup/plugin-typescript
// (tsc emits the .d.ts files: `npm run build:types`).
import { readdirSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { cdnMaps, shippedSources } from './scripts/cdn-maps.mjs';
import { mangleInternal } from './scripts/mangle.mjs';

const elements = readdirSync('src/components')
  .filter((f) => /^live-.*\.ts$/.test(f) && f !== 'live-element.ts' && f !== 'live-text.ts')
  .map((f) => `src/components/${f}`);

const dependencies = /^(lit|@lit\/|nanostores|idb-keyval)/;

/** The elements the autoloader asks for before the others, in this order. */
const FIRST = ['live-source', 'live-value'];
const rank = (tag) => (FIRST.includes(tag) ? FIRST.indexOf(tag) : FIRST.length);

/**
 * Style sheets in `css` templates as a browser needs them: no comments, no indentation, no space
 * around punctuation. (The templates hold no `${}`; one that did would be left as it is.)
 */
function tidyCss() {
  const tidyRule = (text) =>
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}');
  // Quoted strings (`content: ' · '`) are kept as written.
  const tidy = (text) =>
    text
      .split(/('[^']*'|"[^"]*")/)
      .map((part, i) => (i % 2 ? part : tidyRule(part)))
      .join('')
      .trim();
  return {
    name: 'tidy-css',
    transform(code, id) {
      if (!/[\\/]src[\\/]components[\\/]/.test(id) || !code.includes('css`')) return null;
      return { code: code.replace(/\bcss`([^`$]*)`/g, (_, text) => `css\`${tidy(text)}\``), map: null };
    },
  };
}

/**
 * Production builds (the npm package's default tree, the CDN files): `DEV` in src/dev.ts is false,
 * so the full validation messages are dead code, which tree-shaking and the minifier drop. The
 * npm package's `development` tree (dist/esm-dev) keeps them.
 */
function production() {
  return {
    name: 'production',
    transform(code, id) {
      if (!/[\\/]src[\\/]dev\.ts$/.test(id)) return null;
      const out = code.replace('export const DEV: boolean = true;', 'export const DEV: boolean = false;');
      if (out === code) this.error('src/dev.ts no longer says "export const DEV: boolean = true;"');
      return { code: out, map: null };
    },
  };
}

/** What the CDN builds share: production Lit and messages, the dependencies inside, minified (our internal names too), styles tidied. */
const cdnPlugins = () => [
  production(),
  tidyCss(),
  replace({
    preventAssignment: true,
    values: {
      'process.env.NODE_ENV': JSON.stringify('production'),
      // The autoloader's list of elements, from the same list of files as the entries. It asks for
      // them in this order: the source (whose code starts the data's request) and the value first,
      // so that on HTTP/1.1, six requests at a time, they are not queued behind the others.
      __LIVE_TAGS__: JSON.stringify(elements.map((file) => file.slice('src/components/'.length, -3)).sort((a, b) => rank(a) - rank(b))),
    },
  }),
  nodeResolve({ exportConditions: ['production', 'browser', 'default'] }),
  esbuild({ target: 'es2022' }),
  mangleInternal(),
  terser({ ecma: 2022, module: true, compress: { passes: 3 }, format: { comments: false } }),
];

/**
 * Tells the autoloader which chunks each element's module imports, so it asks for them together
 * (`modulepreload`) instead of a round trip later: the list replaces "__LIVE_PRELOAD__" in it.
 */
function preloadList() {
  return {
    name: 'preload-list',
    generateBundle(_, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const list = Object.fromEntries(
        chunks.filter((c) => c.isEntry && c.name.startsWith('live-') && c.name !== 'live-widgets.auto').map((c) => [c.name, c.imports]),
      );
      const auto = chunks.find((c) => c.name === 'live-widgets.auto');
      if (!auto.code.includes('"__LIVE_PRELOAD__"')) this.error('The autoloader has no "__LIVE_PRELOAD__" to fill.');
      auto.code = auto.code.replace('"__LIVE_PRELOAD__"', JSON.stringify(list));
    },
  };
}

/**
 * The autoloading build's shared chunks, by what a page needs together: `element` (what every
 * element shares), `lit` (Lit and what its elements share), `core` (sources, their state machine, tabs, stores), and the data features
 * loaded only when a source asks: `stream` (SSE and WebSocket, with `sse` and `streams`) and
 * `cache` (IndexedDB). Anything else (diagnostics' report, @lit/task, directives) goes with the
 * elements that use it.
 */
function cdnChunk(id) {
  const file = id.replaceAll('\\', '/');
  // lit-html (Lit's templates; its directives go with the elements that use them), and our base that renders with it.
  if (/node_modules\/lit-html\/lit-html\.js$/.test(file)) return 'lit';
  if (/src\/components\/(live-element|template-element|store-controller|base-css)\.ts$/.test(file)) return 'lit';
  // What every element shares, Lit's and those on no Lit (`light-element.ts`): a page of the latter loads no Lit.
  if (/src\/components\/(define|strings|locale|theme|host-css|light-element|source-controller|path)\.ts$/.test(file)) return 'element';
  // The event-stream parser (also `sse.js`, the entry of `SseParser`) and the streams' store (also
  // the headless entry's `$streams`): chunks of their own, so neither loads the stream client.
  if (/src\/data\/sse\.ts$/.test(file)) return 'sse';
  if (/src\/(stores\/streams|data\/stream-store)\.ts$/.test(file)) return 'streams';
  if (/src\/data\/(source-stream|stream|stream-connection|stream-message|transport|sse-transport|ws-transport)\.ts$/.test(file)) return 'stream';
  if (/src\/data\/cache\.ts$|node_modules\/idb-keyval\//.test(file)) return 'cache';
  // The protocol of several tabs: a tab alone holds its locks without it (tab-scout.ts).
  if (/src\/data\/(tab-group|tab-entry|tab-inbox|tab-watch|peers)\.ts$/.test(file)) return 'tabs';
  // Only the diagnostics panel and the headless entry read the report and the health judgement;
  // only an API that sends `Cache-Status` needs its parser; the figures load when watched.
  if (/src\/stores\/(report|health|timeline|badge-state)\.ts$|src\/data\/(health|cache-status|stats|window|clear-cache)\.ts$/.test(file)) return undefined;
  // The figures' store and `freshness()` serve the panel and the headless entry, not the elements
  // a page shows: they go with what imports them.
  if (/src\/stores\/diagnostics\.ts$|src\/data\/(figures|freshness)\.ts$/.test(file)) return undefined;
  // So does nanostores' `computed`, theirs alone; but left unassigned it would go where the index
  // of nanostores goes (core, which re-exports it), and every page would download it.
  if (/node_modules\/nanostores\/computed\//.test(file)) return 'computed';
  if (/node_modules\/nanostores\/|src\/(data|stores)\/|src\/(shared|version|log-once|dev)\.ts$/.test(file)) return 'core';
  return undefined;
}

/**
 * The npm build: readable modules for a host's bundler, in production (dist/esm, the default) and
 * in development (dist/esm-dev, the `development` export condition: full validation messages).
 */
const npm = (dir, dev) => ({
  // `ssr` (the server renderer of the elements on no Lit) only here: a server imports it from npm.
  input: ['src/index.ts', 'src/data.ts', 'src/diagnostics.ts', 'src/sse.ts', 'src/ssr.ts', ...elements],
  external: (id) => dependencies.test(id) || id.startsWith('@lit-labs/ssr'),
  // Its maps point at src/, which the package ships: no need to copy the text into them. They map
  // by line, as the CDN's do: these modules keep the sources' lines, so a stack trace, a breakpoint
  // or a host bundler's own map still lands on the right line, at a third of a full map's bytes.
  output: { dir, format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true, sourcemapExcludeSources: true },
  plugins: [...(dev ? [esbuild({ target: 'es2022' })] : [production(), esbuild({ target: 'es2022' }), mangleInternal()]), cdnMaps()],
});

export default [
  npm('dist/esm', false),
  npm('dist/esm-dev', true),
  {
    // The single file: every element and the JS API in one script, and beside it the parts a page
    // loads only when it uses them (the diagnostics panel, the stream client, the offline cache,
    // the figures, the protocol of several tabs, the Cache-Status parser), fetched from next to it
    // when asked (src/cdn/single.ts).
    input: 'src/cdn/single.ts',
    // The chunks import what they share from the file itself, which therefore exports a few more
    // (minified) names than the API: better than a second file every page would load.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: 'live-widgets.js',
      chunkFileNames: 'live-widgets-[name]-[hash].js',
      sourcemap: true,
      sourcemapPathTransform: shippedSources,
    },
    plugins: [...cdnPlugins(), cdnMaps()],
  },
  {
    // A part an element loads on use (the panel's history) imports from the element's own file,
    // which then exports a few more (minified) names: better than a shared file more to fetch.
    preserveEntrySignatures: 'allow-extension',
    input: {
      'live-widgets.auto': 'src/cdn/autoload.ts',
      data: 'src/data.ts',
      diagnostics: 'src/diagnostics.ts',
      sse: 'src/sse.ts',
      ...Object.fromEntries(elements.map((file) => [file.slice('src/components/'.length, -3), file])),
    },
    output: {
      dir: 'dist/cdn',
      format: 'es',
      sourcemap: true,
      sourcemapPathTransform: shippedSources,
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      manualChunks: cdnChunk,
    },
    plugins: [...cdnPlugins(), preloadList(), cdnMaps()],
  },
];
