// A source with health targets is judged over its figures: it starts the counting itself, with
// nothing watching yet (see stats-lazy.test.ts for a page without targets).
import { expect } from '@open-wc/testing';
import { createSource } from '../../src/data/source.js';
import { stats } from '../../src/data/stats-hook.js';
import { disposeAll, until } from '../helpers.js';

declare const REFERENCE_URL: string;

afterEach(() => disposeAll());

it('a source with targets starts counting its figures itself, with nothing watching them', async () => {
  expect(stats()).to.equal(undefined);
  const source = createSource('judged', { src: `${REFERENCE_URL}/api/overview`, tabs: 'independent', targets: 'latency 2s' });
  for (let i = 0; i < 100 && !stats(); i++) await new Promise((r) => setTimeout(r, 10));
  source.$state.listen(() => {});
  await until(source.$state, (s) => s.status === 'idle' && s.origin === 'live');
  expect(stats()?.of('judged')).to.include({ requests: 1, successes: 1 });
});
