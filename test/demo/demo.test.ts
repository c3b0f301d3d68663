// The demo page and the plain HTML example as people see them, in a Chromium of their own (see
// pages.mjs): at 375 px and desktop widths, light and dark, as loaded and with the server failing.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

interface Seen {
  status: number;
  axe: string[];
  overflow: { page: number; viewport: number; wide: string[] };
  small: string[];
  repeated: string[];
  english: Record<string, string[]>;
  rtl: string | null;
  errors: string[];
}

const open = (payload: { path?: string; width: 'phone' | 'desktop'; scheme: 'light' | 'dark'; state?: 'loaded' | 'failing' }) =>
  executeServerCommand<Seen, typeof payload>('page', payload);

for (const path of ['/', '/examples/html/']) {
  for (const state of path === '/' ? (['loaded', 'failing'] as const) : (['loaded'] as const)) {
    for (const width of ['phone', 'desktop'] as const) {
      for (const scheme of ['light', 'dark'] as const) {
        it(`${path === '/' ? 'the demo' : 'the plain HTML example'}, ${state}, ${width}, ${scheme}: accessible, nothing wider than the screen, names unique, every word translated`, async function () {
          this.timeout(40_000);
          const seen = await open({ path, width, scheme, state });
          expect(seen.status).to.equal(200);
          expect(seen.axe, 'axe').to.deep.equal([]);
          expect(seen.overflow.wide, 'wider than the screen').to.deep.equal([]);
          expect(seen.overflow.page).to.equal(seen.overflow.viewport);
          expect(seen.small, 'targets under 24 × 24 px').to.deep.equal([]);
          expect(seen.repeated, 'accessible names said twice').to.deep.equal([]);
          for (const [lang, words] of Object.entries(seen.english)) expect(words, `English words in the ${lang} section`).to.deep.equal([]);
          if (path === '/') expect(seen.rtl, 'the Arabic section runs right to left').to.equal('rtl');
          expect(seen.errors).to.deep.equal([]);
        });
      }
    }
  }
}

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
