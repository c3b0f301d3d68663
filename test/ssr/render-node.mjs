// Server-side rendering in Node: every element renders with @lit-labs/ssr into declarative shadow
// DOM, touching no browser global, and the data layer stays inert there (no request goes out);
// the recipe in examples/ssr renders the value it was given. Run by `npm test`, before the browser
// tests; test/ssr/hydrate.test.ts hydrates such markup in Chromium.
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';

const requests = [];
globalThis.fetch = async (url) => {
  requests.push(String(url));
  throw new Error('no network on the server');
};

await import('../../dist/esm/index.js');
const { LiveRenderer } = await import('../../dist/esm/ssr.js');
const elementRenderers = [LiveRenderer];

const PAGE = [
  ['live-source', 'name="ssr" src="/api/overview" stream="/api/stream" persist'],
  ['live-value', 'source="ssr" path="visitors" placeholder="—"'],
  ['live-source-badge', 'source="ssr"'],
  ['live-last-updated', 'source="ssr"'],
  ['live-refresh-button', 'source="ssr"'],
  ['live-error-alert', ''],
  ['live-sync-status', 'src="/api/sync/status"'],
  ['live-auto-refresh', 'source="ssr"'],
  ['live-diagnostics', 'health="/api/health"'],
  ['live-cache-status', 'src="/api/cache/status"'],
];

const problems = [];
for (const [tag, attributes] of PAGE) {
  try {
    const out = await collectResult(render(html`${unsafeHTML(`<${tag} ${attributes}></${tag}>`)}`, { elementRenderers }));
    const head = out.slice(out.indexOf(`<${tag}`), out.indexOf('>', out.indexOf(`<${tag}`)));
    const lost = attributes.split(/ (?=[a-z-]+(?:=|$))/).filter((a) => a && !head.includes(a));
    if (lost.length) problems.push(`<${tag}> lost ${lost.join(' ')}: ${head}`);
    // <live-source> renders nothing (it stands on no Lit): the others, their words in declarative shadow DOM.
    else if ((tag !== 'live-source') !== out.includes('shadowrootmode="open"')) problems.push(`<${tag}> rendered ${out.slice(0, 300)}`);
  } catch (e) {
    problems.push(`<${tag}> did not render on the server: ${e.message.split('\n')[0]}`);
  }
}
await new Promise((resolve) => setTimeout(resolve, 50));

// The README's recipe, as shipped in examples/ssr: the server's data is on the page before any script.
const { execFileSync } = await import('node:child_process');
const example = execFileSync(process.execPath, ['examples/ssr/render.mjs'], { encoding: 'utf8' });
if (!example.includes('12,345') || !example.includes('initial=')) problems.push('examples/ssr/render.mjs did not render the value it was given');

if (requests.length) problems.push(`the data layer made requests on the server: ${requests.join(', ')}`);

if (problems.length) {
  console.error(`Server render failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`Server render: all ${PAGE.length} elements render with @lit-labs/ssr, and no request went out.`);
