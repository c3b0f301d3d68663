import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/components/live-refresh-button.js';
import '../../src/components/live-value.js';
import { createSource } from '../../src/data/source.js';
import { disposeAll, elected } from '../helpers.js';

/**
 * Emulates the user's motion setting where the runner can (through CDP: Chromium); false where it
 * cannot (Firefox over BiDi, WebKit over WebDriver), and the test checks the rule instead.
 */
async function motion(reducedMotion: 'reduce' | 'no-preference'): Promise<boolean> {
  try {
    await emulateMedia({ reducedMotion });
    return true;
  } catch {
    return false;
  }
}

/** The rule every element's shared styles carry for reduced motion: no animation, no transition. */
function reducedMotionRule(el: Element): CSSMediaRule | undefined {
  const rules = el.shadowRoot!.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules]);
  return rules.find(
    (r): r is CSSMediaRule =>
      r instanceof CSSMediaRule &&
      /prefers-reduced-motion:\s*reduce/.test(r.conditionText) &&
      [...r.cssRules].some((inner) => inner instanceof CSSStyleRule && /^none/.test(inner.style.animationName || inner.style.animation)),
  );
}

afterEach(async () => {
  disposeAll();
  await motion('no-preference');
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

  it('stands still under reduce', async function () {
    const emulated = await motion('reduce');
    const { value, button } = await scene();
    if (!emulated) {
      // This engine's driver cannot set the user's motion setting: the rule that honours it is checked instead.
      this.test!.title += ' (this engine cannot emulate the setting: the rule is checked)';
      for (const el of [value, button]) expect(reducedMotionRule(el), el.localName).to.exist;
      return;
    }
    expect(animations(value)).to.have.length(0);
    expect(animations(button)).to.have.length(0);
  });
});
