// The request figures are a feature of their own: a page that shows none neither counts them nor
// downloads their code; watching `$diagnostics` (as the diagnostics panel does) loads it, and
// counts from then on. (A source with `targets` starts it too: stats-targets.test.ts.) No
// startNetwork here: it starts the counting for the other tests.
import { expect } from '@open-wc/testing';
import { createSource } from '../../src/data/source.js';
import { stats } from '../../src/data/stats-hook.js';
import { $diagnostics } from '../../src/stores/diagnostics.js';
import { disposeAll, until } from '../helpers.js';

declare const REFERENCE_URL: string;
const loaded = () => performance.getEntriesByType('resource').some((e) => /\/src\/data\/stats\.[jt]s$/.test(new URL(e.name).pathname));

afterEach(() => disposeAll());

describe('the request figures', () => {
  it('are neither counted nor downloaded while nothing watches them, and counted once something does', async () => {
    // Only what comes from now on (the page's own modules may have filled the timing buffer).
    performance.clearResourceTimings();
    const source = createSource<{ visitors: number }>('lazy', { src: `${REFERENCE_URL}/api/overview`, tabs: 'independent' });
    source.$state.listen(() => {});
    await until(source.$state, (s) => s.status === 'idle' && s.origin === 'live');
    expect(stats(), 'the figures code ran').to.equal(undefined);
    expect(loaded(), 'the figures code was downloaded').to.equal(false);

    // The diagnostics panel (or a host's own) watches the figures: the code comes, and counts.
    const off = $diagnostics.listen(() => {});
    for (let i = 0; i < 100 && !stats(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(loaded(), 'the figures code was not downloaded').to.equal(true);
    await source.revalidate();
    expect($diagnostics.get().lazy).to.include({ requests: 1, successes: 1 });
    off();
  });
});
