// The documentation site (docs/, built by `npm run docs`) as people meet it. Its pages and links
// are mapped once from the server's HTML (site.mjs, siteMap); each page is then opened in a
// Chromium of its own (site.mjs, sitePage) at each width and scheme. The pages are shared out
// between test files (site-<width>-<scheme>-<part>.test.ts), each within the runner's time for a
// file, hosted by the Firefox and WebKit runs (test/engines.mjs, NODE_DRIVEN); the elements
// themselves are tested in every engine.
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

/** How many files share the pages of one width and scheme. */
export const PARTS = 2;

/** The site's pages at `width` in `scheme`, this file's `part` of them: every page loads without an error, its examples run against the server, axe finds nothing, nothing is wider than the screen. */
export function siteTest(width: 'phone' | 'desktop', scheme: 'light' | 'dark', part: number): void {
  describe(`the documentation site, ${width}, ${scheme} (part ${part} of ${PARTS})`, function () {
    it('every page loads without an error, its examples run against the server, axe finds nothing', async function () {
      this.timeout(110_000);
      const { pages } = await executeServerCommand<SiteMap, object>('site', { map: true });
      const mine = pages.filter((_, i) => i % PARTS === part - 1);
      expect(mine.length, 'pages to visit').to.be.above(10);
      for (const path of mine) {
        const page = await executeServerCommand<Page, object>('site', { width, scheme, path });
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
