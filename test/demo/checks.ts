// The checks of a page as people see it, in a Chromium of their own (see pages.mjs): at 375 px
// and desktop widths, light and dark, as loaded and (the demo) with the server failing. One file
// per page (demo.test.ts, html-example.test.ts), each within the runner's time for a file.
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

type Payload = { path?: string; width: 'phone' | 'desktop'; scheme: 'light' | 'dark'; state?: 'loaded' | 'failing' };
/** The page opened and put in its state, then looked at: two commands, each within the runner's 20 s on a loaded machine. */
const open = async (payload: Payload) => {
  const opened = await executeServerCommand<{ status: number }, Payload & { step: string }>('page', { ...payload, step: 'open' });
  if (opened.status !== 200) return opened as Seen;
  return executeServerCommand<Seen, Payload & { step: string }>('page', { ...payload, step: 'check' });
};

export function pageChecks(path: '/' | '/examples/html/'): void {
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
