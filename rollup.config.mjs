// The CDN build: one minified ES module with production Lit inside, defining every element.
// esbuild transpiles the TypeScript: TypeScript 7 has no JS API for @rollup/plugin-typescript.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

export default {
  input: 'src/index.ts',
  output: { file: 'dist/live-widgets.js', format: 'es', sourcemap: true },
  plugins: [
    replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
    nodeResolve({ exportConditions: ['production', 'browser', 'default'] }),
    esbuild({ target: 'es2022' }),
    terser({ ecma: 2022, module: true, format: { comments: false } }),
  ],
};
