import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/components/live-refresh-button.js';
import '../../src/components/live-value.js';
import { createSource } from '../../src/data/source.js';
import { disposeAll, elected } from '../helpers.js';

afterEach(async () => {
  disposeAll();
  await emulateMedia({ reducedMotion: 'no-preference' });
});

/** The animations running in an element's shadow root. */
const animations = (el: Element) => el.shadowRoot!.getAnimations();
const updated = (el: Element) => (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;

/** A busy refresh button and a value that has just changed. */
async function scene() {
  const source = createSource<{ n: number }>('m', {});
  const value = await fixture(html`<live-value source="m" path="n"></live-value>`);
  const button = await fixture(html`<live-refresh-button source="m" busy></live-refresh-button>`);
  await elected('m');
  source.push({ n: 1 });
  await updated(value);
  source.push({ n: 2 });
  await updated(value);
  return { value, button };
}

describe('calm under prefers-reduced-motion', () => {
  it('moves by default: the spinner turns, a new value flashes', async () => {
    const { value, button } = await scene();
    expect(animations(value).length).to.be.greaterThan(0);
    expect(animations(button).length).to.be.greaterThan(0);
  });

  it('stands still under reduce', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const { value, button } = await scene();
    expect(animations(value)).to.have.length(0);
    expect(animations(button)).to.have.length(0);
  });
});
