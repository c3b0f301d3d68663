// The documentation site (VitePress): `npm run docs` builds it into docs/.vitepress/dist for any
// static host; the reference server serves that build under /docs/ beside the demo and the API its
// live examples read (`npm start`). Each element's page is made from custom-elements.json
// (elements/[tag].paths.mjs), so nothing in its reference is written by hand.
import { defineConfig } from 'vitepress';
import { elements } from '../../scripts/manifest.mjs';

export default defineConfig({
  title: 'live-widgets',
  description: 'Custom elements that show, and control, how fresh a page’s data is.',
  lang: 'en',
  base: '/docs/',
  // Kept beside the site, not pages of it.
  srcExclude: ['screenshots/**'],
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/docs/favicon.svg' }]],
  // The live examples run our elements: Vue leaves the tags to the browser.
  vue: { template: { compilerOptions: { isCustomElement: (tag: string) => tag.startsWith('live-') } } },
  // `vitepress dev docs` beside `npm start`: the examples' /api goes to the reference server.
  vite: { server: { proxy: { '/api': process.env.API_URL ?? 'http://127.0.0.1:8080' } } },
  // Code in colours that keep AA contrast on the code blocks' background, light and dark.
  markdown: { theme: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } },
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/getting-started' },
      { text: 'Elements', link: '/elements/live-value' },
      { text: 'Demo', link: '../', target: '_self' },
    ],
    sidebar: [
      {
        text: 'Guide',
        items: [
          { text: 'Your first live number', link: '/guide/getting-started' },
          { text: 'How the sizes got here', link: '/size-history' },
        ],
      },
      {
        text: 'Elements',
        // Sidebar text is HTML: the tag's brackets are written as entities.
        items: elements.map((d) => ({ text: `&lt;${d.tagName}&gt;`, link: `/elements/${d.tagName}` })),
      },
    ],
    // Ctrl K (or ⌘ K) opens it; the button shows only its word, which is its name (theme/style.css).
    search: { provider: 'local' },
    outline: { level: [2, 3], label: 'On this page' },
  },
});
