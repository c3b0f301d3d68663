// Several nodes: two nginx + Nchan nodes sharing one Redis, as deploy/README.md runs them, with the
// reference server publishing to the first node that takes it and holding a subscriber on each
// (web-test-runner.config.mjs starts them all where nginx, Nchan and Redis are installed). The
// page connects to the nodes directly; the tests kill a node as a crash would.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../wait.js';
import type { SourceOptions } from '../../src/index.js';

declare const REFERENCE_URL: string;
declare const CLUSTER: { nodes?: string[]; app?: string; skip?: string; error?: string };
type Bundle = typeof import('../../src/index.js');

const bundle: Bundle = await import(/* @vite-ignore */ `${REFERENCE_URL}/dist/live-widgets.js`);
const stream = (node: number) => `${CLUSTER.nodes![node]}/api/stream`;
const publish = (event: string, data: unknown) =>
  fetch(`${CLUSTER.app}/api/_control/publish`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event, data }) }).then(
    (r) => {
      expect(r.status).to.equal(202);
    },
  );
const node = (action: 'kill' | 'revive', i: number) => fetch(`/__cluster/${action}?node=${i}`).then((r) => r.json());
const stats = (url: string) =>
  Object.values(bundle.$streams.get()).find((s) => s && s.listeners > 0 && s.url.startsWith(url.replace(/^http/, s.transport === 'websocket' ? 'ws' : 'http')));

/**
 * Open on a node is not yet subscribed through Redis: an event published at once may reach the
 * node before its subscription does (seen once in a full run: the first of three never came).
 * Publishes a warm-up (`n: 0`) until the page shows one. (Warm-ups are never in `seen`: one
 * published before the first arrived may still come after it, as it did once in Firefox.)
 */
async function subscribed(name: string, warm: { up: boolean }) {
  await waitUntil(
    async () => {
      await publish(name, { n: 0 });
      return warm.up;
    },
    'no event ever reached the subscriber',
    { interval: 300, timeout: 5000 },
  );
}

/** A source made in script, watched (so it starts), with what it showed in order (warm-ups apart). */
function watched(name: string, options: SourceOptions<{ n: number }>) {
  const source = bundle.createSource<{ n: number }>(name, { tabs: 'independent', retry: { base: '100ms', max: '500ms' }, ...options });
  const seen: number[] = [];
  const warm = { up: false };
  source.$state.listen((s) => {
    if (s.data?.n === 0) warm.up = true;
    else if (s.data && seen[seen.length - 1] !== s.data.n) seen.push(s.data.n);
  });
  return { source, seen, warm };
}

afterEach(() => {
  for (const source of [...bundle.$sources.get().values()]) source.dispose();
});

const title = CLUSTER.skip ? `two Nchan nodes sharing Redis (skipped: ${CLUSTER.skip})` : 'two Nchan nodes sharing Redis (deploy/nchan, several nodes)';
describe(title, function () {
  this.timeout(30_000);

  /**
   * Until every node delivers the app's heartbeats (a hold stuck on a node backs off until the
   * node drops the channel and makes it anew: demo/keeper.mjs; a revived node takes a moment).
   */
  async function allDeliver() {
    let said = '';
    await waitUntil(
      async () => {
        const { checks } = await fetch(`${CLUSTER.app}/api/health`).then((r) => r.json());
        said = checks.nodes.message;
        return checks.nodes.status === 'ok';
      },
      "the deployment's nodes never all delivered",
      { interval: 500, timeout: 20_000 },
    ).catch((e: Error) => {
      throw new Error(`${e.message} (${said})`);
    });
  }

  before(async function () {
    if (CLUSTER.skip) this.skip();
    if (CLUSTER.error) throw new Error(`nginx, Nchan and Redis are installed but did not start: ${CLUSTER.error}`);
    // The deployment has run beside the other test files for minutes: start from one whose every node delivers.
    await allDeliver();
  });

  for (const transport of ['sse', 'websocket'] as const) {
    it(`delivers an event published on one node to a subscriber on the other (${transport})`, async () => {
      const { source, seen } = watched(`cross-${transport}`, { stream: stream(1), transport });
      await waitUntil(() => source.state.connection === 'streaming', 'the stream on node 2 never opened', { timeout: 5000 });
      expect(stats(CLUSTER.nodes![1]!)?.transport).to.equal(transport);
      await publish(`cross-${transport}`, { n: 1 });
      await waitUntil(() => seen.includes(1), 'the event published on node 1 never reached node 2', { timeout: 5000 });
    });

    it(`moves a subscriber whose node dies to the other, losing nothing and repeating nothing (${transport})`, async () => {
      const name = `failover-${transport}`;
      const { source, seen, warm } = watched(name, { stream: [stream(0), stream(1)], transport });
      try {
        await waitUntil(() => source.state.connection === 'streaming', 'the stream on node 1 never opened', { timeout: 5000 });
        expect(stats(CLUSTER.nodes![0]!)?.transport).to.equal(transport);
        await subscribed(name, warm);
        for (let n = 1; n <= 3; n++) await publish(name, { n });
        await waitUntil(() => seen.length === 3, `the first events never arrived (saw ${seen.join(', ')})`, { timeout: 5000 });
        await node('kill', 0);
        // Published while it moves: the app's publish goes to node 2, Redis keeps the buffer.
        for (let n = 4; n <= 6; n++) await publish(name, { n });
        await waitUntil(() => seen.length >= 6, `the events missed while moving were not replayed (saw ${seen.join(', ')})`, { timeout: 10_000 });
        expect(stats(CLUSTER.nodes![1]!), 'not on node 2').to.exist;
        await publish(name, { n: 7 });
        await waitUntil(() => seen.length >= 7, 'the stream did not go on on node 2');
        expect(seen).to.deep.equal([1, 2, 3, 4, 5, 6, 7]);
        expect(source.state.connection).to.equal('streaming');
      } finally {
        await node('revive', 0);
        // The next test starts from a deployment whose every node delivers, as the first did
        // (WebKit once met the revived node refusing its socket, and fell back to SSE).
        await allDeliver();
      }
    });
  }

  it('delivers on a node left idle past the window in which Nchan drops its channel', async () => {
    // Node 2 drops a channel 2 s after its last subscriber left (30 s in production). The app
    // holds a subscriber on every node, so no channel is ever idle: each probe must get its event.
    for (let probe = 1; probe <= 3; probe++) {
      const transport = probe % 2 ? 'websocket' : 'sse';
      const name = `idle-${probe}`;
      const { source, seen } = watched(name, { stream: stream(1), transport });
      await waitUntil(() => source.state.connection === 'streaming', `probe ${probe}: the stream never opened`, { timeout: 5000 });
      await publish(name, { n: probe });
      await waitUntil(() => seen.includes(probe), `probe ${probe} (${transport}) got nothing`, { timeout: 5000 });
      source.dispose();
      await new Promise((resolve) => setTimeout(resolve, 2500));
    }
    const health = await fetch(`${CLUSTER.app}/api/health`).then((r) => r.json());
    expect(health.checks.nodes).to.include({ status: 'ok' });
  });
});
