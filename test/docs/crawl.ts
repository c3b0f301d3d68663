// The documentation site (docs/, built by `npm run docs`) as people meet it: crawled from its home
// page, each page opened in a Chromium of its own (site.mjs). One test file per width and scheme
// (site-*.test.ts), each within the runner's time for a file; the crawls are hosted by the Firefox
// run (test/engines.mjs, NODE_DRIVEN); the elements themselves are tested in every engine.
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
  links: string[];
  ids: string[];
  origin: string;
  outside: { href: string; status: number }[];
}

/** Every page reached by a link from /docs/, and the links that lead nowhere (no page, or no such anchor on it). */
async function crawl(width: 'phone' | 'desktop', scheme: 'light' | 'dark') {
  const pages = new Map<string, Page>();
  const queue = ['/docs/'];
  while (queue.length) {
    const path = queue.shift()!;
    if (pages.has(path)) continue;
    const page = await executeServerCommand<Page, object>('site', { width, scheme, path });
    pages.set(path, page);
    for (const href of page.links) {
      const url = new URL(href);
      if (url.origin === page.origin && url.pathname.startsWith('/docs/') && !pages.has(url.pathname)) queue.push(url.pathname);
    }
  }
  const broken: string[] = [];
  for (const page of pages.values()) {
    for (const href of page.links) {
      const url = new URL(href);
      if (url.origin !== page.origin || !url.pathname.startsWith('/docs/')) continue;
      const target = pages.get(url.pathname)!;
      if (target.status !== 200) broken.push(`${page.path} → ${href} (${target.status})`);
      else if (url.hash && !target.ids.includes(decodeURIComponent(url.hash.slice(1)))) broken.push(`${page.path} → ${href} (no such anchor)`);
    }
    for (const { href, status } of page.outside) if (status !== 200) broken.push(`${page.path} → ${href} (${status})`);
  }
  return { pages: [...pages.values()], broken: [...new Set(broken)] };
}

/** The crawl at `width` in `scheme`, as one test: every page loads without an error, its examples run against the server, axe finds nothing, nothing is wider than the screen, no link is broken. */
export function siteTest(width: 'phone' | 'desktop', scheme: 'light' | 'dark'): void {
  describe(`the documentation site, ${width}, ${scheme}`, function () {
    it('every page loads without an error, its examples run against the server, axe finds nothing, no link is broken', async function () {
      this.timeout(110_000);
      const { pages, broken } = await crawl(width, scheme);
      const paths = pages.map((p) => p.path);
      expect(paths).to.include.members(['/docs/', '/docs/guide/getting-started.html', '/docs/elements/live-value.html', '/docs/guide/server-contract.html']);
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
  });
}
