// A server render of a live-widgets page, in Node: `node examples/ssr/render.mjs` prints the HTML.
// The elements render into declarative shadow DOM with @lit-labs/ssr; the data the server has is
// passed along in `initial`, so the browser shows it before any script runs, hydrates without a
// flash, and fetches only when the data is due. In the page, load Lit's hydration support before
// the elements:
//
//   <script type="module">
//     import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
//     import 'live-widgets';
//   </script>
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { createSource } from 'live-widgets';

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
  ),
);
source.dispose();
console.log(page);
