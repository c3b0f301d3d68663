// Elements side by side never contradict each other, against the reference server's real stream.
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../wait.js';
import { bundle } from './reference.js';

declare const REFERENCE_URL: string;

afterEach(() => {
  for (const source of [...bundle.$sources.get().values()]) source.dispose();
  localStorage.clear();
});

describe('elements side by side', () => {
  it('auto-refresh paused on a pushed source does not say "Paused" beside a badge that says "Live"', async () => {
    const page = await fixture(html`<div>
      <live-source name="pushed" src=${`${REFERENCE_URL}/api/overview`} stream=${`${REFERENCE_URL}/api/stream`} event="overview" poll="30s"></live-source>
      <live-source-badge source="pushed"></live-source-badge>
      <live-auto-refresh source="pushed"></live-auto-refresh>
    </div>`);
    const badge = page.querySelector('live-source-badge')!;
    const auto = page.querySelector('live-auto-refresh')!;
    // The single file fetches the auto-refresh control from beside it now that one is on the page.
    await customElements.whenDefined('live-auto-refresh');
    await waitUntil(() => !!auto.shadowRoot?.querySelector('[part=toggle]'), 'the control never rendered');
    const status = () => auto.shadowRoot!.querySelector('[part=status]')!.textContent!.trim();
    await waitUntil(() => bundle.getSource('pushed')?.state.connection === 'streaming', 'the stream never opened', { timeout: 5000 });
    auto.shadowRoot!.querySelector<HTMLInputElement>('[part=toggle]')!.click();
    await waitUntil(() => auto.getAttribute('state') === 'paused');
    expect(badge.getAttribute('state')).to.equal('live');
    expect(status()).to.equal('Polling paused; the server still pushes changes');
    await expect(auto).to.be.accessible();
  });
});
