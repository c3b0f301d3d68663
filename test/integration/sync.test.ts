// <live-sync-status> against the real reference server while a job runs, then fails.
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../wait.js';

declare const REFERENCE_URL: string;
type Bundle = typeof import('../../src/index.js');
const bundle: Bundle = await import(/* @vite-ignore */ `${REFERENCE_URL}/dist/live-widgets.js`);

/** Pins the server's sync jobs to a moment (null: now). */
const pin = (at: number | null) => fetch(`${REFERENCE_URL}/api/_control/sync`, { method: 'POST', body: JSON.stringify({ at }) }).then((r) => r.json());

afterEach(async () => {
  await pin(null);
  for (const source of [...bundle.$sources.get().values()]) source.dispose();
});

describe('sync status from the reference server', () => {
  it('shows a job running with its progress, then failing with its error', async () => {
    // `keywords` runs for 25 s every 120 s (from second 45), and fails every third run.
    const cycle = Math.floor((Date.now() / 1000 - 45) / 360) * 3;
    const start = (45 + cycle * 120) * 1000;
    await pin(start + 10_000);
    const el = await fixture(html`<live-sync-status src=${`${REFERENCE_URL}/api/sync/status`}></live-sync-status>`);
    // The single file fetches the element from beside it now that one is on the page.
    await customElements.whenDefined('live-sync-status');
    const row = () => el.shadowRoot?.querySelector<HTMLElement>('[part~=entity]:nth-child(3)');
    await waitUntil(() => row()?.dataset.status === 'running', 'keywords never showed running');
    expect(row()!.textContent).to.contain('keywords');
    expect(row()!.querySelector('progress')!.value).to.equal(0.4);

    await pin(start + 60_000);
    await bundle.getSource(`sync:${REFERENCE_URL}/api/sync/status`)!.refresh();
    await waitUntil(() => row()?.dataset.status === 'failed', 'keywords never showed failed');
    expect(row()!.querySelector('[part=error]')!.textContent).to.match(/rate limit exceeded/);
    expect(row()!.querySelector('progress')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
