// The documentation site at 1280 px, light (see crawl.ts).
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { siteTest } from './crawl.js';

siteTest('desktop', 'light');

describe('the README', () => {
  it('links to no file of the repository that is not there', async () => {
    expect(await executeServerCommand<string[], object>('site', { readme: true })).to.deep.equal([]);
  });
});

describe('the “break it” page', () => {
  it('breaks the server beside the elements, which say so, and heals it', async function () {
    this.timeout(40_000);
    const seen = await executeServerCommand<{ broke: string; failing: string; healed: string; errors: string[] }, object>('site', { breakIt: true });
    expect(seen.broke).to.equal('The server is broken now: every answer is a 500.');
    expect(seen.failing).to.contain('The server answered with an error (HTTP 500).');
    expect(seen.healed, 'the alert closed once the server answered').to.equal('');
    expect(seen.errors).to.deep.equal([]);
  });
});
