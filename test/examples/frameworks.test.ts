// The framework examples, built against the npm build as apps would build them, each mounted
// on this page: properties, attributes and events must all work from that framework.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';

declare const REFERENCE_URL: string;
type Example = { mount(container: HTMLElement, options: { api: string }): () => void };

for (const framework of ['react', 'vue', 'svelte']) {
  describe(`the ${framework} example`, () => {
    it('sets properties and attributes and hears events', async () => {
      const { mount }: Example = await import(`/dist/examples/${framework}.js`);
      const container = await fixture<HTMLElement>(html`<div></div>`);
      const unmount = mount(container, { api: `${REFERENCE_URL}/api/overview` });
      const seen = () => container.querySelector('.seen')?.textContent ?? '';
      // Event: live-update reached the framework's state.
      await waitUntil(() => /saw \d+ visitors/.test(seen()), `${framework} never heard live-update`, { timeout: 5000 });
      // Attributes: the value shows the source's visitors.
      const value = container.querySelector('live-value')!;
      await waitUntil(() => /^\d{1,3}(,\d{3})*$/.test(value.shadowRoot!.textContent!.trim()), 'the value never showed');
      // Property: the object given to `strings` reached the element.
      const button = container.querySelector('live-refresh-button')!;
      const inner = () => button.shadowRoot!.querySelector('button')!;
      await waitUntil(() => inner().textContent!.trim() === `Reload ${framework}`, `${framework} did not set the strings property`);
      // Event: a click's live-refresh reached the framework.
      inner().click();
      await waitUntil(() => seen().includes('and 1 refreshes'), `${framework} never heard live-refresh`);
      expect(seen()).to.match(new RegExp(`^\\w+ saw \\d+ visitors and 1 refreshes$`));
      unmount();
    });
  });
}
