// The documentation site (VitePress): `npm run docs` builds it into docs/.vitepress/dist for any
// static host; the reference server serves that build under /docs/ beside the demo and the API its
// live examples read (`npm start`). Each element's page is made from custom-elements.json
// (elements/[tag].paths.mjs), so nothing in its reference is written by hand.
import { defineConfig } from 'vitepress';
import { elements } from '../../scripts/manifest.mjs';
import { FAULTS } from './faults.mjs';
import { accessibleSearch } from './accessible-search.mjs';

export default defineConfig({
  title: 'live-widgets',
  description: 'Custom elements that show, and control, how fresh a page’s data is.',
  lang: 'en',
  base: '/docs/',
  // Kept beside the site, not pages of it.
  srcExclude: ['screenshots/**', 'elements/notes/**'],
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/docs/favicon.svg' }]],
  // The live examples run our elements: Vue leaves the tags to the browser.
  vue: { template: { compilerOptions: { isCustomElement: (tag: string) => tag.startsWith('live-') } } },
  // `vitepress dev docs` beside `npm start`: the examples' /api goes to the reference server.
  vite: { server: { proxy: { '/api': process.env.API_URL ?? 'http://127.0.0.1:8080' } }, plugins: [accessibleSearch()] },
  // Code in colours that keep AA contrast on the code blocks' background, light and dark.
  markdown: {
    theme: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' },
    // Inline code is shown as written: `strings={{…}}` is an example, not a Vue interpolation.
    config(md) {
      const code = md.renderer.rules.code_inline!;
      md.renderer.rules.code_inline = (...args) => code(...args).replace(/^<code/, '<code v-pre');
    },
  },
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/getting-started' },
      { text: 'Elements', link: '/elements/live-value' },
      { text: 'Demo', link: '../', target: '_self' },
    ],
    sidebar: [
      {
        text: 'Start',
        items: [
          { text: 'Your first live number', link: '/guide/getting-started' },
          { text: 'Install', link: '/guide/install' },
          { text: 'Server-side rendering', link: '/guide/ssr' },
        ],
      },
      {
        text: 'Frameworks',
        items: [
          { text: 'Which one, and the types', link: '/guide/frameworks' },
          { text: 'React', link: '/frameworks/react' },
          { text: 'Preact', link: '/frameworks/preact' },
          { text: 'Solid', link: '/frameworks/solid' },
          { text: 'Vue', link: '/frameworks/vue' },
          { text: 'Svelte', link: '/frameworks/svelte' },
          { text: 'JavaScript, no framework', link: '/frameworks/javascript' },
        ],
      },
      {
        text: 'The data layer',
        items: [
          { text: 'createSource and its options', link: '/guide/data-layer' },
          { text: 'What a source says, and why', link: '/guide/truth' },
          { text: 'Streaming', link: '/guide/streaming' },
          { text: 'One client for all tabs', link: '/guide/tabs' },
          { text: 'Offline cache', link: '/guide/offline-cache' },
          { text: 'How it is built', link: '/guide/kernel' },
        ],
      },
      {
        text: 'Elements',
        items: [
          { text: 'What they share', link: '/guide/elements' },
          { text: 'Theme and words', link: '/guide/theming-and-words' },
          // Sidebar text is HTML: the tag's brackets are written as entities.
          ...elements.map((d) => ({ text: `&lt;${d.tagName}&gt;`, link: `/elements/${d.tagName}` })),
        ],
      },
      {
        text: 'Servers',
        items: [
          { text: 'The server contract', link: '/guide/server-contract' },
          { text: 'Deploying: Nchan, Varnish, nginx', link: '/guide/deploying' },
        ],
      },
      {
        text: 'Break it',
        items: [{ text: 'Every fault', link: '/break-it/' }, ...FAULTS.map((f) => ({ text: f.title, link: `/break-it/${f.slug}` }))],
      },
      {
        text: 'Quality',
        items: [
          { text: 'Hardening', link: '/guide/hardening' },
          { text: 'Builds and sizes', link: '/guide/builds' },
          { text: 'How the sizes got here', link: '/size-history' },
          { text: 'Tests', link: '/guide/tests' },
          { text: 'Benchmarks', link: '/guide/benchmarks' },
          { text: 'Contributing and layout', link: '/guide/contributing' },
        ],
      },
    ],
    // Ctrl K (or ⌘ K) opens it; the button shows only its word, which is its name (theme/style.css).
    search: { provider: 'local' },
    outline: { level: [2, 3], label: 'On this page' },
  },
});
