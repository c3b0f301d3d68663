// Production builds shorten the names our modules use only with each other: a property whose name
// ends in one `_` after a letter or digit (`members_`, `post_()`) is internal to the package, never
// part of its API, never a field of data that crosses to another tab or into storage. It becomes
// `$` and a number in base 36, the same in every module of every build, as Lit does with its own
// internal names. The development tree (dist/esm-dev) and the tests keep the names as written.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { transform } from 'esbuild';

const INTERNAL = /^[A-Za-z][A-Za-z0-9]*[A-Za-z0-9]_$/;

/** Every internal name in src/, each with its short name: sorted, so every build agrees. */
export function internalNames(root = 'src') {
  const names = new Set();
  const texts = readdirSync(root, { recursive: true })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(join(root, file), 'utf8'));
  for (const text of texts) for (const [, name] of text.matchAll(/\.([A-Za-z][A-Za-z0-9]*[A-Za-z0-9]_)\b/g)) names.add(name);
  const cache = Object.fromEntries([...names].sort().map((name, i) => [name, `$${i.toString(36)}`]));
  // A short name must be nobody's property already.
  for (const short of Object.values(cache)) {
    const taken = texts.find((text) => new RegExp(`[.{,]\\s*\\${short}\\b`).test(text));
    if (taken !== undefined) throw new Error(`mangle: the short name ${short} is already a property in src/`);
  }
  return cache;
}

/** The rollup plugin: after TypeScript became JavaScript, in our own modules only. */
export function mangleInternal() {
  const ours = resolve('src') + sep;
  let cache;
  return {
    name: 'mangle-internal',
    buildStart() {
      cache = internalNames();
    },
    async transform(code, id) {
      if (!resolve(id).startsWith(ours) || !/[A-Za-z0-9]_\b/.test(code)) return null;
      const out = await transform(code, {
        loader: 'js',
        format: 'esm',
        target: 'es2022',
        mangleProps: INTERNAL,
        mangleCache: { ...cache },
        sourcemap: true,
        sourcefile: id,
      });
      for (const name of Object.keys(out.mangleCache ?? {})) if (!(name in cache)) this.error(`mangle: ${name} in ${id} has no short name`);
      return { code: out.code, map: out.map };
    },
  };
}
