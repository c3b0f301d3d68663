// The plain HTML example as people see it (see checks.ts), and the demo's server cache as its
// operator uses it.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { pageChecks } from './checks.js';

pageChecks('/examples/html/');

it('the demo’s server cache: nobody but the operator clears it, and then every widget fetches again', async function () {
  this.timeout(40_000);
  const seen = await executeServerCommand<
    { held: number; refused: string; keptKeys: number; result: string; refetched: number; rebuilt: string[]; alert: string; errors: string[] },
    object
  >('page', { walk: 'operator' });
  expect(seen.held, 'the page’s data is in the cache').to.equal(2);
  expect(seen.refused).to.equal("Could not clear the cache: Give the operator's token: Authorization: Bearer <token>.");
  expect(seen.keptKeys, 'a refused clear clears nothing').to.equal(2);
  expect(seen.result).to.equal('Cache cleared: 2 entries removed. The data is being fetched again.');
  expect(seen.alert, 'the refusal goes once the clear succeeds').to.equal('');
  expect(seen.refetched).to.be.at.least(2);
  expect(seen.rebuilt).to.deep.equal(['campaigns', 'overview']);
  expect(seen.errors).to.deep.equal([]);
});
