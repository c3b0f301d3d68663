// Two builds. The npm build: readable ES modules, one per source module, dependencies left to
// the host's bundler. The CDN build: one minified file with production Lit and everything inside.
// esbuild transpiles the TypeScript: TypeScript 7 has no JS API for @rollup/plugin-typescript
// (tsc emits the .d.ts files: `npm run build:types`).
import { readdirSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

const elements = readdirSync('src/components')
  .filter((f) => /^live-.*\.ts$/.test(f) && f !== 'live-element.ts')
  .map((f) => `src/components/${f}`);

const dependencies = /^(lit|@lit\/|nanostores|idb-keyval)/;

export default [
  {
    input: ['src/index.ts', 'src/data.ts', ...elements],
    external: (id) => dependencies.test(id),
    output: { dir: 'dist/esm', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true },
    plugins: [esbuild({ target: 'es2022' })],
  },
  {
    input: 'src/index.ts',
    output: { file: 'dist/live-widgets.js', format: 'es', sourcemap: true },
    plugins: [
      replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
      nodeResolve({ exportConditions: ['production', 'browser', 'default'] }),
      esbuild({ target: 'es2022' }),
      terser({ ecma: 2022, module: true, format: { comments: false } }),
    ],
  },
];
