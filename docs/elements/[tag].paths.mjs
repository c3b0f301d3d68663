// One page per element, from custom-elements.json: its summary and description, its live example,
// and its reference (scripts/reference.mjs, the same tables the README has).
import { elements } from '../../scripts/manifest.mjs';
import { referenceOf } from '../../scripts/reference.mjs';
import { EXAMPLES } from '../.vitepress/examples.mjs';

export default {
  paths() {
    return elements.map((d) => {
      if (!EXAMPLES[d.tagName]) throw new Error(`docs/.vitepress/examples.mjs has no live example for <${d.tagName}>`);
      const description = d.description && d.description !== d.summary ? d.description : '';
      return {
        params: { tag: d.tagName, summary: d.summary ?? '', example: EXAMPLES[d.tagName] },
        content: [description, '', '## Reference', '', ...referenceOf(d, (name) => [`### ${name}`, ''])].join('\n'),
      };
    });
  },
};
