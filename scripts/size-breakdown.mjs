// Where the bytes of a build go: `npm run size -- [entry]` bundles the entry (default: the CDN
// entry) minified, as check-package.mjs measures it, and lists each module's minified share.
// Gzip is not additive; the minified shares say what to trim first.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

const entry = process.argv[2] ?? 'dist/esm/index.js';
const { metafile, outputFiles } = await build({
  entryPoints: [entry],
  bundle: true,
  minify: true,
  format: 'esm',
  write: false,
  metafile: true,
  outdir: 'size-breakdown',
  define: { 'process.env.NODE_ENV': '"production"' },
  conditions: ['production'],
  logLevel: 'silent',
});
const code = outputFiles[0].contents;
const { inputs } = Object.values(metafile.outputs)[0];
console.log(`${entry}: ${(code.length / 1024).toFixed(1)} KB minified, ${(gzipSync(code, { level: 9 }).length / 1024).toFixed(1)} KB min+gzip`);
for (const [file, { bytesInOutput }] of Object.entries(inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)) {
  if (bytesInOutput) console.log(`${String(bytesInOutput).padStart(8)}  ${file.replace(/^.*node_modules\//, '')}`);
}
