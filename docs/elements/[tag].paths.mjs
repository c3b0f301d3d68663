// One page per element, from custom-elements.json: its summary and description, its live example,
// what it does in words (docs/elements/notes/<tag>.md, where there is more to say than the
// manifest holds), and its reference (scripts/reference.mjs).
import { existsSync, readFileSync } from 'node:fs';
import { elements } from '../../scripts/manifest.mjs';
import { referenceOf } from '../../scripts/reference.mjs';
import { EXAMPLES } from '../.vitepress/examples.mjs';

/** What the element does, in words, when its notes say more than the manifest. */
const notes = (tag) => {
  const file = new URL(`./notes/${tag}.md`, import.meta.url);
  return existsSync(file) ? ['## What it does', '', readFileSync(file, 'utf8'), ''] : [];
};

export default {
  paths() {
    return elements.map((d) => {
      if (!EXAMPLES[d.tagName]) throw new Error(`docs/.vitepress/examples.mjs has no live example for <${d.tagName}>`);
      const description = d.description && d.description !== d.summary ? d.description : '';
      return {
        params: { tag: d.tagName, summary: d.summary ?? '', example: EXAMPLES[d.tagName] },
        content: [description, '', ...notes(d.tagName), '## Reference', '', ...referenceOf(d, (name) => [`### ${name}`, ''])].join('\n'),
      };
    });
  },
};
