// VitePress's local search box, made accessible where axe finds it is not (WCAG 2.2: 2.5.3 Label
// in Name, 4.1.2 Name, Role, Value). Its open box is a `button` that holds the search field and
// the results, each result an `option` that holds a link, and each link is named other than its
// text says. Here the box is a modal dialog, the field a combobox, and each result link is the
// option itself, named by its text. Edited as the theme's file is compiled: each edit must find
// its text, so a VitePress that changed it fails the build here instead of passing unseen.
import type { Plugin } from 'vite';

const EDITS: [string, string][] = [
  [
    `role="button"
      :aria-owns="results?.length ? 'localsearch-list' : undefined"
      aria-expanded="true"
      aria-haspopup="listbox"
      aria-labelledby="localsearch-label"
      class="VPLocalSearchBox"`,
    `role="dialog"
      aria-modal="true"
      :aria-label="buttonText"
      class="VPLocalSearchBox"`,
  ],
  [
    `aria-autocomplete="both"`,
    `role="combobox"
            :aria-expanded="results?.length ? 'true' : 'false'"
            aria-autocomplete="both"`,
  ],
  [
    `:id="'localsearch-item-' + index"
            :aria-selected="selectedIndex === index ? 'true' : 'false'"
            role="option"`,
    `role="none"`,
  ],
  [
    `:aria-label="[...p.titles, p.title].join(' > ')"`,
    `:id="'localsearch-item-' + index"
              role="option"
              :aria-selected="selectedIndex === index ? 'true' : 'false'"`,
  ],
  [`<span class="title-icon">#</span>`, `<span class="title-icon" aria-hidden="true">#</span>`],
];

export function accessibleSearch(): Plugin {
  return {
    name: 'live-widgets:accessible-search',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('/VPLocalSearchBox.vue')) return undefined;
      for (const [from, to] of EDITS) {
        if (!code.includes(from)) throw new Error(`docs/.vitepress/accessible-search.mts: VitePress's search box no longer has ${JSON.stringify(from)}`);
        code = code.replace(from, to);
      }
      return code;
    },
  };
}
