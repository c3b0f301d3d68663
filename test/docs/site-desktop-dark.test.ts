// The documentation site at 1280 px, dark (see crawl.ts).
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { siteTest } from './crawl.js';

siteTest('desktop', 'dark');

describe('a live example', () => {
  it('runs again as its markup is edited, and as it was once reset', async function () {
    this.timeout(30_000);
    const seen = await executeServerCommand<{ before: string[]; edited: string[]; reset: string[]; sources: number; errors: string[] }, object>('site', {
      edit: true,
    });
    expect(seen.before[0], 'revenue, in euros').to.match(/^€[\d,]+\.\d\d$/);
    expect(seen.edited[0], 'visitors, a whole number').to.match(/^[\d,]+$/);
    expect(seen.edited[1], 'the other value ran again too').to.match(/%$/);
    expect(seen.reset).to.deep.equal(seen.before);
    expect(seen.sources, 'the old markup left the page').to.equal(1);
    expect(seen.errors).to.deep.equal([]);
  });
});
