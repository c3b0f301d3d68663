// The single file, built (dist/live-widgets.js) and served from another origin by the reference
// server, as a CMS page loads it: one <script type=module>. It defines every element at once but
// the diagnostics panel, which is a file beside it, fetched only when a panel appears.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../wait.js';

declare const REFERENCE_URL: string;
const BASE = `${REFERENCE_URL}/dist/`;
const TAGS = [
  'live-source',
  'live-value',
  'live-source-badge',
  'live-last-updated',
  'live-refresh-button',
  'live-error-alert',
  'live-sync-status',
  'live-auto-refresh',
];

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
  it('defines every element at once but the panel, which is not fetched while no page shows one', () => {
    for (const tag of TAGS) expect(customElements.get(tag), tag).to.exist;
    expect(customElements.get('live-diagnostics')).to.equal(undefined);
    expect(fetched().filter((f) => f.includes('live-diagnostics'))).to.deep.equal([]);
    // The figures' store is the single file's; the panel's class comes with the panel.
    expect(live.$diagnostics).to.exist;
    expect(live.createSource).to.be.a('function');
    expect(live.LiveDiagnostics).to.equal(undefined);
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
});
