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
  history: { lang: string; happened: string[]; said: string[]; lanes: string[]; charts: number }[];
}

type State = 'loaded' | 'failing' | 'healed';
type Payload = { path?: string; width: 'phone' | 'desktop'; scheme: 'light' | 'dark'; state?: State };
/** The page opened and put in its state, then axe, then the rest: three commands, each within the runner's 20 s on a loaded machine. */
const open = async (payload: Payload) => {
  const opened = await executeServerCommand<{ status: number }, Payload & { step: string }>('page', { ...payload, step: 'open' });
  if (opened.status !== 200) return opened as Seen;
  await executeServerCommand<{ status: number }, Payload & { step: string }>('page', { ...payload, step: 'axe' });
  return executeServerCommand<Seen, Payload & { step: string }>('page', { ...payload, step: 'check' });
};

/** The failure and the recovery, in each language, in the order they came (the timeline is newest first). */
const HEALED: Record<string, { failed: string; recovered: string; live: string }> = {
  en: { failed: 'Update failed', recovered: 'Recovered', live: 'Live' },
  de: { failed: 'Aktualisierung fehlgeschlagen', recovered: 'Wiederhergestellt', live: 'Live' },
  ar: { failed: 'فشل التحديث', recovered: 'تعافى', live: 'مباشر' },
};

type Width = Payload['width'];
type Scheme = Payload['scheme'];
const EVERY: [Width, Scheme][] = [
  ['phone', 'light'],
  ['phone', 'dark'],
  ['desktop', 'light'],
  ['desktop', 'dark'],
];

export function pageChecks(
  path: '/' | '/examples/html/',
  states: readonly State[] = path === '/' ? ['loaded', 'failing'] : ['loaded'],
  looks: readonly [Width, Scheme][] = EVERY,
): void {
  for (const state of states) {
    for (const [width, scheme] of looks) {
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
        if (state === 'healed') {
          expect(seen.history.map((h) => h.lang)).to.deep.equal(['en', 'de', 'ar']);
          for (const h of seen.history) {
            const words = HEALED[h.lang];
            const oldestFirst = [...h.happened].reverse();
            const failed = oldestFirst.findIndex((w) => w.startsWith(words.failed));
            expect(failed, `${h.lang}: the failure is in the timeline`).to.be.above(-1);
            expect(oldestFirst.indexOf(words.recovered, failed), `${h.lang}: the recovery comes after it`).to.be.above(failed);
            // What the badge said: the recovery ends on its word for live data.
            expect(h.said[[...h.happened].indexOf(words.recovered)], h.lang).to.match(new RegExp(`→ ${words.live}$`));
            expect(h.lanes, `${h.lang}: a lane for live and one for the failure`).to.include('live');
            expect(h.lanes.some((l) => l === 'error' || l === 'retrying')).to.equal(true);
            expect(h.charts, `${h.lang}: the age of the data and the health targets drawn`).to.be.at.least(2);
          }
        }
      });
    }
  }
}
