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
