// One element's reference in Markdown, from custom-elements.json: its attributes, properties,
// methods, events, parts, custom properties, slots and words, for the documentation site's page
// of each element (docs/elements/[tag].paths.mjs).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

// Each element's English words, read from the tables its module registers (`src/components/words/*.ts`),
// and those of the parts it loads when used (`import('./value-change.js')`).
const wordsOf = (path) => {
  const code = readFileSync(path, 'utf8');
  const parts = [...code.matchAll(/import\('(\.[\w/.-]+)\.js'\)/g)].map((m) => resolve(dirname(path), `${m[1]}.ts`));
  return [...new Set([path, ...parts])].flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/from '(\.[\w/.-]*\/words\/[\w-]+)\.js'/g)].flatMap((m) => {
      const found = /export const \w+ = (\{[\s\S]*?\n\});/.exec(readFileSync(resolve(dirname(file), `${m[1]}.ts`), 'utf8'));
      return found ? Object.entries(new Function(`return ${found[1]}`)()) : [];
    }),
  );
};

const cell = (text = '') => String(text).replace(/\|/g, '\\|').replace(/\n+/g, ' ');
const table = (head, rows) =>
  rows.length ? [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`), ''] : [];

/** The tables of element `d` (a declaration of the manifest, with its module's `path`), as lines; `title` heads each table. */
export function referenceOf(d, title = () => []) {
  const attributes = new Set((d.attributes ?? []).map((a) => a.fieldName));
  const properties = (d.members ?? []).filter(
    (m) => m.kind === 'field' && !m.static && m.privacy !== 'private' && m.privacy !== 'protected' && !attributes.has(m.name) && m.description,
  );
  const methods = (d.members ?? []).filter((m) => m.kind === 'method' && !m.static && m.privacy !== 'private' && m.privacy !== 'protected' && m.description);
  const section = (name, head, rows) => (rows.length ? [...title(name), ...table(head, rows)] : []);
  return [
    ...section(
      'Attributes',
      ['Attribute', 'Type', 'Description'],
      (d.attributes ?? []).map((a) => [`\`${a.name}\``, a.type?.text ? `\`${a.type.text}\`` : '', a.description ?? '']),
    ),
    ...section(
      'Properties',
      ['Property', 'Type', 'Description'],
      properties.map((p) => [`\`${p.name}\``, p.type?.text ? `\`${p.type.text}\`` : '', p.description]),
    ),
    ...section(
      'Methods',
      ['Method', 'Description'],
      methods.map((m) => [`\`${m.name}()\``, m.description]),
    ),
    ...section(
      'Events',
      ['Event', 'Description'],
      (d.events ?? []).map((e) => [`\`${e.name}\``, e.description ?? '']),
    ),
    ...section(
      'Parts',
      ['Part', 'Description'],
      (d.cssParts ?? []).map((p) => [`\`${p.name}\``, p.description ?? '']),
    ),
    ...section(
      'Custom properties',
      ['Custom property', 'Description'],
      (d.cssProperties ?? []).map((p) => [`\`${p.name}\``, p.description ?? '']),
    ),
    ...section(
      'Slots',
      ['Slot', 'Description'],
      (d.slots ?? []).map((s) => [s.name ? `\`${s.name}\`` : '(default)', s.description ?? '']),
    ),
    ...section(
      'Words',
      ['Word (`strings` key)', 'English'],
      wordsOf(d.path).map(([key, word]) => [`\`${key}\``, word]),
    ),
  ];
}
