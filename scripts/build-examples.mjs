// Builds the framework examples against the npm build (dist/esm), as an app would consume the
// package: React's JSX and Vue's templates by esbuild and Vue's own compiler, Svelte's
// components by svelte/compiler. Output: dist/examples/<framework>.js, each exporting mount().
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { compile } from 'svelte/compiler';

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

const common = {
  bundle: true,
  format: 'esm',
  minify: false,
  logLevel: 'warning',
  alias: { 'live-widgets': './dist/esm/index.js' },
  define: {
    'process.env.NODE_ENV': '"production"',
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  conditions: ['browser', 'production'],
};

await Promise.all([
  build({ ...common, entryPoints: ['examples/react/app.jsx'], outfile: 'dist/examples/react.js', jsx: 'automatic' }),
  build({ ...common, entryPoints: ['examples/vue/app.js'], outfile: 'dist/examples/vue.js', alias: { ...common.alias, vue: 'vue/dist/vue.esm-bundler.js' } }),
  build({ ...common, entryPoints: ['examples/svelte/main.js'], outfile: 'dist/examples/svelte.js', plugins: [svelte] }),
]);
console.log('Examples built: dist/examples/{react,vue,svelte}.js');
