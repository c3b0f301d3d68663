// The documentation site (docs/, built by `npm run docs`) as people meet it, crawled in a Chromium
// of its own (site.mjs): every page at 375 px and 1280 px, light and dark. Its checks run once, in
// the Chromium run: in the others the same crawl would only repeat it (the elements themselves are
// tested in every engine).
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

const chromium = navigator.userAgent.includes('Chrome/');

describe('the documentation site', function () {
  before(function () {
    if (!chromium) {
      console.warn('The site is crawled in the Chromium run (a Chromium of its own, as the demo pages are).');
      this.skip();
    }
  });

  for (const width of ['phone', 'desktop'] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`${width}, ${scheme}: every page loads without an error, its examples run against the server, axe finds nothing, no link is broken`, async function () {
        this.timeout(120_000);
        const { pages, broken } = await executeServerCommand<{ pages: Page[]; broken: string[] }, object>('site', { width, scheme });
        const paths = pages.map((p) => p.path);
        expect(paths).to.include.members([
          '/docs/',
          '/docs/guide/getting-started.html',
          '/docs/elements/live-value.html',
          '/docs/elements/live-diagnostics.html',
        ]);
        expect(
          paths.filter((p) => p.startsWith('/docs/elements/')),
          'a page per element',
        ).to.have.length(10);
        for (const page of pages) {
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
        expect(broken, 'broken links').to.deep.equal([]);
      });
    }
  }

  it('no link of the README to a file of the repository is broken', async () => {
    expect(await executeServerCommand<string[], object>('site', { readme: true })).to.deep.equal([]);
  });
});
