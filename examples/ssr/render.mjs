// A server render of a live-widgets page, in Node: `node examples/ssr/render.mjs` prints the HTML.
// The elements render into declarative shadow DOM with @lit-labs/ssr and the renderer of
// `live-widgets/ssr`; the data the server has is passed along in `initial`, so the browser shows
// it before any script runs, takes it over without a flash, and fetches only when the data is
// due. The page loads the elements and nothing else (no hydration support):
//
//   <script type="module">
//     import 'live-widgets';
//   </script>
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { createSource } from 'live-widgets';
// The elements render with the package's own renderer (they stand on no LitElement).
import { LiveRenderer } from 'live-widgets/ssr';

// What the server knows now (here, made up; in an app, from its own data or API).
const overview = { visitors: 12345, revenue: 6789.5 };
const updatedAt = Date.now();
const initial = { data: overview, updatedAt };

// The elements read sources by name; on the server a source is inert: it never fetches.
const source = createSource('overview', { src: '/api/overview', poll: '30s', initial });
const attribute = (value) => JSON.stringify(value).replaceAll('&', '&amp;').replaceAll("'", '&#39;');
const page = await collectResult(
  render(
    html`${unsafeHTML(`<live-source name="overview" src="/api/overview" poll="30s" initial='${attribute(initial)}'></live-source>
<p>Visitors: <live-value source="overview" path="visitors"></live-value></p>
<live-source-badge source="overview"></live-source-badge>
<live-last-updated source="overview"></live-last-updated>`)}`,
    { elementRenderers: [LiveRenderer] },
  ),
);
source.dispose();
console.log(page);
