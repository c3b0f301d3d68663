// The deployment of deploy/nchan: nginx with the Nchan module, configured as shipped, in front of
// the reference server, which publishes its events to Nchan. The page reaches nginx through a
// relay the test can cut (web-test-runner.config.mjs starts all three where nginx is installed).
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../wait.js';

declare const REFERENCE_URL: string;
declare const NCHAN: { url?: string; app?: string; skip?: string; error?: string };
type Bundle = typeof import('../../src/index.js');

const bundle: Bundle = await import(/* @vite-ignore */ `${REFERENCE_URL}/dist/live-widgets.js`);

const publish = (event: string, data: unknown) =>
  fetch(`${NCHAN.app}/api/_control/publish`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event, data }) }).then(
    (r) => {
      expect(r.status).to.equal(202);
    },
  );
const network = (action: 'cut' | 'cut?hold' | 'release') => fetch(`/__nchan/${action}`).then((r) => r.json());

afterEach(() => {
  for (const source of [...bundle.$sources.get().values()]) source.dispose();
});

const title = NCHAN.skip ? `streaming through nginx + Nchan (skipped: ${NCHAN.skip})` : 'streaming through nginx + Nchan (deploy/nchan)';
describe(title, function () {
  this.timeout(20_000);

  before(function () {
    if (NCHAN.skip) this.skip();
    if (NCHAN.error) throw new Error(`nginx with Nchan is installed but did not start: ${NCHAN.error}`);
  });

  it('serves the API through nginx and puts the events the app publishes on screen', async () => {
    const page = await fixture(html`<div>
      <live-source name="nchan-overview" src=${`${NCHAN.url}/api/overview`} stream=${`${NCHAN.url}/api/stream`} event="nchan-overview" tabs="independent"></live-source>
      <live-value source="nchan-overview" path="visitors"></live-value>
    </div>`);
    const source = bundle.getSource('nchan-overview')!;
    const value = page.querySelector('live-value')!;
    await waitUntil(() => /\d/.test(value.shadowRoot!.textContent!), 'the API answer through nginx never showed');
    await waitUntil(() => source.state.connection === 'streaming', 'the stream through Nchan never opened');
    await publish('nchan-overview', { visitors: 987654 });
    await waitUntil(() => value.shadowRoot!.textContent!.trim() === '987,654', 'the event published to Nchan never showed');
  });

  it('resumes with Last-Event-ID after a cut: nothing lost, nothing twice', async () => {
    const source = bundle.createSource<{ n: number }>('nchan-seq', { stream: `${NCHAN.url}/api/stream`, tabs: 'independent' });
    const seen: number[] = [];
    source.$state.listen((s) => {
      if (s.data && seen[seen.length - 1] !== s.data.n) seen.push(s.data.n);
    });
    await waitUntil(() => source.state.connection === 'streaming', 'the stream through Nchan never opened');
    for (let n = 1; n <= 3; n++) await publish('nchan-seq', { n });
    await waitUntil(() => seen.length === 3, 'the first events never arrived');

    // The network goes; Nchan gets events the page cannot receive; the network comes back.
    const { cut } = await network('cut?hold');
    expect(cut).to.be.at.least(1);
    await waitUntil(() => source.state.connection !== 'streaming', 'the page never noticed the cut');
    for (let n = 4; n <= 6; n++) await publish('nchan-seq', { n });
    await network('release');

    // Nchan starts new subscribers at the newest message: only Last-Event-ID brings 4 to 6 back.
    await waitUntil(() => seen.length >= 6, `the missed events were not replayed (saw ${seen.join(', ')})`, { timeout: 10_000 });
    await publish('nchan-seq', { n: 7 });
    await waitUntil(() => seen.length >= 7, 'the stream did not go on after the replay');
    expect(seen).to.deep.equal([1, 2, 3, 4, 5, 6, 7]);
    expect(source.state.connection).to.equal('streaming');
  });
});
