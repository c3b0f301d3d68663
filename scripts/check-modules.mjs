// The shape of src/ that the README's map of the data layer promises: no module imports a module
// that (through its own imports) imports it back. Value imports only: a type-only import leaves
// nothing at run time, and an `import()` runs later. (That `src/data` imports nothing from
// `src/stores` or the elements, and that no module has more than 300 lines, ESLint checks.)
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve('src');
const files = readdirSync(root, { recursive: true })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => join(root, f));
const graph = new Map(
  files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const deps = [...text.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'"]*?from\s+)?'(\.[^']+)'/gm)]
      .filter(([, type]) => !type)
      .map(([, , spec]) => resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
    return [file, deps];
  }),
);

const cycles = new Set();
const done = new Set();
const path = [];
function visit(file) {
  if (path.includes(file)) return cycles.add([...path.slice(path.indexOf(file)), file].map((f) => relative(root, f)).join(' → '));
  if (done.has(file) || !graph.has(file)) return;
  path.push(file);
  for (const dep of graph.get(file)) visit(dep);
  path.pop();
  done.add(file);
}
for (const file of graph.keys()) visit(file);

if (cycles.size) {
  console.error(`Import cycles in src/:\n- ${[...cycles].join('\n- ')}`);
  process.exit(1);
}
console.log(`Modules: ${files.length} in src/, no import cycle.`);
