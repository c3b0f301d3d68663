// The "break it" pages as QA plays them (test/docs/site.mjs, breakIt): each fault of the reference
// server switched on beside the elements it affects, which must say what the page says they
// should (docs/.vitepress/faults.mjs: one source for the page and this test), then healed.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { FAULTS } from '../../docs/.vitepress/faults.mjs';

interface Step {
  switch: string;
  shown: Record<string, string>;
  errors: string[];
}

const meets = (text: string, want: string | RegExp) => (want instanceof RegExp ? want.test(text) : want === '' ? text === '' : text.includes(want));

describe('the “break it” pages', () => {
  for (const fault of FAULTS) {
    it(`${fault.title.toLowerCase()}: the elements say so, and recover once the server is healed`, async function () {
      this.timeout(45_000);
      // Both steps first: a failed expectation must not leave the server broken for the next page.
      const broken = await executeServerCommand<Step, object>('site', { breakIt: fault.slug, step: 'break' });
      const healed = await executeServerCommand<Step, object>('site', { breakIt: fault.slug, step: 'heal' });
      expect(broken.switch).to.equal(`The server is broken now: ${fault.label}.`);
      for (const [tag, want] of fault.broken) expect(meets(broken.shown[tag]!, want), `<${tag}> said “${broken.shown[tag]}”, not “${want}”`).to.equal(true);
      expect(healed.switch).to.equal('The server is healthy again.');
      for (const [tag, want] of fault.healed)
        expect(meets(healed.shown[tag]!, want), `<${tag}> said “${healed.shown[tag]}” once healed, not “${want}”`).to.equal(true);
      expect([...broken.errors, ...healed.errors]).to.deep.equal([]);
    });
  }
});
