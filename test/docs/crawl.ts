// The documentation site (docs/, built by `npm run docs`) as people meet it. Its pages and links
// are mapped once from the server's HTML (site.mjs, siteMap); each page is then opened in a
// Chromium of its own (site.mjs, sitePage) at each width, and checked light and dark. The pages
// are shared out between test files (site-<width>-<part>.test.ts), each within the runner's time
// for a file on a loaded machine, hosted by the Firefox run (test/engines.mjs, NODE_DRIVEN): one
// Chromium of the site's at a time beside the Chromium run's own. The elements themselves are
// tested in every engine.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

interface Page {
  path: string;
  status: number;
  errors: string[];
  axe: string[];
  wider: boolean;
  examples: { tag: string; defined: boolean; text: string }[][];
  api: string[];
}

export interface SiteMap {
  pages: string[];
  broken: string[];
}

/** How many files share the pages of one width. */
export const PARTS = 4;

/** The site's pages at `width`, this file's `part` of them: every page loads without an error, its examples run against the server, axe finds nothing in light or dark, nothing is wider than the screen. */
export function siteTest(width: 'phone' | 'desktop', part: number): void {
  describe(`the documentation site, ${width} (part ${part} of ${PARTS})`, function () {
    it('every page loads without an error, its examples run against the server, axe finds nothing, light and dark', async function () {
      this.timeout(110_000);
      const { pages } = await executeServerCommand<SiteMap, object>('site', { map: true });
      const mine = pages.filter((_, i) => i % PARTS === part - 1);
      expect(mine.length, 'pages to visit').to.be.above(5);
      for (const path of mine) {
        const page = await executeServerCommand<Page, object>('site', { width, path });
        expect(page.status, page.path).to.equal(200);
        expect(page.errors, `${page.path}: errors`).to.deep.equal([]);
        expect(page.axe, `${page.path}: axe`).to.deep.equal([]);
        expect(page.wider, `${page.path}: wider than the screen`).to.equal(false);
        for (const example of page.examples) {
          for (const el of example) {
            expect(el.defined, `${page.path}: <${el.tag}> is defined`).to.equal(true);
            expect(el.text, `${page.path}: <${el.tag}> shows something`).to.not.equal('');
          }
        }
        if (page.examples.length) expect(page.api, `${page.path}: its example reached the server`).to.not.deep.equal([]);
      }
    });
  });
}
