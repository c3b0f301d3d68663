// Builds the framework examples against the npm build (dist/esm), as an app would consume the
// package: React's TSX by esbuild, Vue's single-file components by vue/compiler-sfc, Svelte's by
// svelte/compiler (both with TypeScript in their scripts, which esbuild strips). Output:
// dist/examples/<framework>.js, each exporting mount().
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { compile } from 'svelte/compiler';
import { compileScript, parse } from 'vue/compiler-sfc';

/** Svelte components, compiled for the browser. */
const svelte = {
  name: 'svelte',
  setup(b) {
    b.onLoad({ filter: /\.svelte$/ }, async ({ path }) => {
      const { js, warnings } = compile(await readFile(path, 'utf8'), { filename: path, generate: 'client' });
      for (const w of warnings) console.warn(`${path}: ${w.message}`);
      return { contents: js.code, loader: 'js', resolveDir: 'examples/svelte' };
    });
  },
};

/** Vue single-file components (script setup, template inlined), live-* tags left to the browser. */
const vue = {
  name: 'vue',
  setup(b) {
    b.onLoad({ filter: /\.vue$/ }, async ({ path }) => {
      const isCustomElement = (tag) => tag.startsWith('live-');
      // The template is parsed here, once: told here too, or its live-* tags compile as components
      // that Vue resolves at run time (and warns of in development) before it falls back to elements.
      const { descriptor, errors } = parse(await readFile(path, 'utf8'), { filename: path, templateParseOptions: { isCustomElement } });
      if (errors.length) throw errors[0];
      const script = compileScript(descriptor, { id: path, inlineTemplate: true, templateOptions: { compilerOptions: { isCustomElement } } });
      return { contents: script.content, loader: script.lang === 'ts' ? 'ts' : 'js', resolveDir: 'examples/vue' };
    });
  },
};

const common = {
  bundle: true,
  format: 'esm',
  minify: false,
  logLevel: 'warning',
  // The package by its own name, as a host imports it (each framework's entry is the whole bundle).
  alias: Object.fromEntries(['live-widgets', ...['react', 'vue', 'svelte'].map((f) => `live-widgets/${f}`)].map((name) => [name, './dist/esm/index.js'])),
  define: {
    'process.env.NODE_ENV': '"production"',
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  conditions: ['browser', 'production'],
};

await Promise.all([
  build({ ...common, entryPoints: ['examples/react/app.tsx'], outfile: 'dist/examples/react.js', jsx: 'automatic' }),
  build({ ...common, entryPoints: ['examples/vue/main.ts'], outfile: 'dist/examples/vue.js', plugins: [vue] }),
  build({ ...common, entryPoints: ['examples/svelte/main.ts'], outfile: 'dist/examples/svelte.js', plugins: [svelte] }),
]);
console.log('Examples built: dist/examples/{react,vue,svelte}.js');
