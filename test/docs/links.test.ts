// The documentation site's map and links, the README's links, and a live example edited (see crawl.ts and site.mjs).
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { SiteMap } from './crawl.js';

describe('the documentation site', () => {
  it('reaches every page from its home, and no link in it leads nowhere', async function () {
    this.timeout(60_000);
    const { pages, broken } = await executeServerCommand<SiteMap, object>('site', { map: true });
    expect(pages).to.include.members([
      '/docs/',
      '/docs/guide/getting-started.html',
      '/docs/guide/server-contract.html',
      '/docs/break-it/',
      '/docs/frameworks/react.html',
    ]);
    expect(
      pages.filter((p) => p.startsWith('/docs/elements/')),
      'a page per element',
    ).to.have.length(10);
    expect(
      pages.filter((p) => /^\/docs\/break-it\/.+/.test(p)),
      'a page per fault',
    ).to.have.length(6);
    expect(broken, 'broken links').to.deep.equal([]);
  });
});

describe('the site’s search', () => {
  it('finds an option by its name, on a phone, and takes the reader to it', async function () {
    this.timeout(30_000);
    const seen = await executeServerCommand<{ results: string[]; landed: string; axe: string[]; errors: string[] }, object>('site', { search: 'purge' });
    expect(seen.results.length, 'results').to.be.above(0);
    expect(
      seen.results.some((r) => /createSource\(name, options\)/.test(r)),
      seen.results.join(' | '),
    ).to.equal(true);
    expect(seen.landed).to.match(/^\/docs\/guide\/[a-z-]+\.html#/);
    expect(seen.axe).to.deep.equal([]);
    expect(seen.errors).to.deep.equal([]);
  });
});

describe('the README', () => {
  it('links to no file of the repository that is not there', async () => {
    expect(await executeServerCommand<string[], object>('site', { readme: true })).to.deep.equal([]);
  });
});

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
