// The single file, built (dist/live-widgets.js) and served from another origin by the reference
// server, as a CMS page loads it: one <script type=module>. It defines the elements of a typical
// page at once; the others (sync status, auto refresh, the cache's status, the diagnostics panel)
// are files beside it, each fetched only when one appears.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../wait.js';

declare const REFERENCE_URL: string;
const BASE = `${REFERENCE_URL}/dist/`;
const TAGS = ['live-source', 'live-value', 'live-source-badge', 'live-last-updated', 'live-refresh-button', 'live-error-alert'];
const LATER = ['live-sync-status', 'live-auto-refresh', 'live-cache-status', 'live-diagnostics'];

/** The files fetched from beside the single file so far. */
const fetched = () =>
  performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((name) => name.startsWith(BASE))
    .map((name) => name.slice(BASE.length));

let live: Record<string, unknown>;
before(async () => {
  live = await import(/* @vite-ignore */ `${BASE}live-widgets.js`);
});

describe('the single file', () => {
  it('defines a typical page’s elements at once, and fetches none of the others while no page shows one', () => {
    for (const tag of TAGS) expect(customElements.get(tag), tag).to.exist;
    for (const tag of LATER) {
      expect(customElements.get(tag), tag).to.equal(undefined);
      expect(fetched().filter((f) => f.includes(tag))).to.deep.equal([]);
    }
    // The figures' store is the single file's; the panel's class comes with the panel.
    expect(live.$diagnostics).to.exist;
    expect(live.createSource).to.be.a('function');
    expect(live.LiveDiagnostics).to.equal(undefined);
    expect(live.LiveSyncStatus).to.equal(undefined);
  });

  it('fetches the panel from beside it when one appears, here in a closed shadow root the page made after it ran', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'closed' });
    const panel = document.createElement('live-diagnostics');
    root.append(panel);
    await waitUntil(() => customElements.get('live-diagnostics') !== undefined, 'the panel was never defined');
    await waitUntil(() => !!panel.shadowRoot?.querySelector('details'), 'the panel never rendered');
    expect(fetched().filter((f) => /^live-widgets-live-diagnostics-[\w-]{8}\.js$/.test(f))).to.have.length(1);
    host.remove();
  });

  it('fetches sync status, auto refresh and the cache’s status each from beside it when one appears', async () => {
    const tags = LATER.filter((tag) => tag !== 'live-diagnostics');
    const elements = tags.map((tag) => document.body.appendChild(document.createElement(tag)));
    for (const tag of tags) await waitUntil(() => customElements.get(tag) !== undefined, `<${tag}> was never defined`);
    await waitUntil(() => elements.every((el) => !!el.shadowRoot?.firstElementChild), 'not every element rendered');
    for (const tag of tags)
      expect(
        fetched().filter((f) => new RegExp(`^live-widgets-${tag}-[\\w-]{8}\\.js$`).test(f)),
        tag,
      ).to.have.length(1);
    elements.forEach((el) => el.remove());
  });
});
