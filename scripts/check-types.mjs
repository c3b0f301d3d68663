// The type tests (run by npm test after the build): the package's types as each framework's
// checker sees them, through the package's own name (resolved to dist/types like a host's import).
// Fixtures in test/types use every element correctly (must compile) and misuse them (must fail):
// tsc for React, Preact and Solid JSX and for one element's entry alone, vue-tsc with strict
// templates for Vue, svelte-check for Svelte; the examples are checked with them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const bin = (name) => `node_modules/.bin/${name}`;
const problems = [];
const run = (label, cmd, args) => {
  try {
    const out = execFileSync(bin(cmd), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return out;
  } catch (e) {
    if (cmd === 'svelte-check') return e.stdout; // it exits 1 on the errors we expect; judged below
    problems.push(`${label}:\n${(e.stdout || '') + (e.stderr || '') || e.message}`);
    return '';
  }
};

run('React, Preact, Solid JSX (tsc)', 'tsc', ['-p', 'test/types']);
run("one element's entry (tsc)", 'tsc', ['-p', 'test/types/tsconfig.events.json']);
run('Vue templates (vue-tsc)', 'vue-tsc', ['-p', 'test/types/tsconfig.vue.json']);

// svelte-check has no expect-error comment for markup: each `<!-- expect-error: … -->` must be
// followed by a line with an error, and no other line may have one.
const out = run('Svelte markup (svelte-check)', 'svelte-check', ['--tsconfig', 'test/types/tsconfig.svelte.json', '--output', 'machine']);
const errors = [...out.matchAll(/ ERROR "([^"]+)" (\d+):\d+ "(.*)"$/gm)].map(([, file, line, message]) => ({ file, line: Number(line), message }));
const expected = new Map();
for (const file of new Set(['test/types/svelte.svelte', ...errors.map((e) => e.file)])) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => text.includes('<!-- expect-error') && expected.set(`${file}:${i + 2}`, text.trim()));
}
for (const e of errors) if (!expected.delete(`${e.file}:${e.line}`)) problems.push(`Svelte markup (svelte-check): ${e.file}:${e.line}: ${e.message}`);
for (const [where, said] of expected) problems.push(`Svelte markup (svelte-check): ${where}: no error where one was expected (${said})`);
if (!/COMPLETED/.test(out)) problems.push(`Svelte markup (svelte-check) did not run:\n${out}`);

if (problems.length) {
  console.error(`The type tests failed:\n\n${problems.join('\n\n')}`);
  process.exit(1);
}
console.log('Types: React, Preact, Solid, Vue and Svelte fixtures and examples type-check, and every misuse in them is an error.');
