// WebSocket push from the real reference server (the `ws` package, subprotocol `live-widgets`) to
// the built bundle: no mocks. The fault switchboard cuts, silences and refuses sockets. (A pushed
// event on screen, and resuming a cut socket, are in stream.test.ts, for both transports.)
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../wait.js';
import { bundle, control, watched } from './reference.js';

declare const REFERENCE_URL: string;
const SOCKET = `${REFERENCE_URL.replace(/^http/, 'ws')}/api/stream`;

const sockets = () => fetch(`${REFERENCE_URL}/api/_control/requests`).then((r) => r.json()) as Promise<{ websocket: number; sse: number }>;
const streamStats = () => Object.values(bundle.$streams.get()).find((s) => s && s.listeners > 0);

afterEach(async () => {
  for (const source of [...bundle.$sources.get().values()]) source.dispose();
  await control('faults', { reset: true });
});

describe('WebSocket push from the reference server', () => {
  it('serves many sources with one socket, each getting only its own events', async () => {
    const a = watched<{ n: number }>('wsa', { stream: SOCKET });
    const b = watched<{ n: number }>('wsb', { stream: SOCKET, event: 'wsb-data' });
    await waitUntil(() => a.state.connection === 'streaming' && b.state.connection === 'streaming');
    expect(await sockets()).to.include({ websocket: 1 });
    await control('publish', { event: 'wsa', data: { n: 1 } });
    await control('publish', { event: 'wsb-data', data: { n: 2 } });
    await waitUntil(() => a.state.data?.n === 1 && b.state.data?.n === 2, 'an event went astray');
    // A source leaving tells the server; the other goes on.
    b.dispose();
    await control('publish', { event: 'wsa', data: { n: 3 } });
    await waitUntil(() => a.state.data?.n === 3);
    expect(await sockets()).to.include({ websocket: 1 });
  });

  // The reference server of the tests sends a keep-alive every second; the heartbeat allows 2.5 s.
  it('notices a socket that went silent, says so, and reconnects', async () => {
    const page = await fixture(html`<div>
      <live-source name="wsquiet" stream=${SOCKET} heartbeat="2500ms"></live-source>
      <live-source-badge source="wsquiet"></live-source-badge>
    </div>`);
    const source = bundle.getSource('wsquiet')!;
    await waitUntil(() => source.state.connection === 'streaming', 'the socket never opened');
    await control('faults', { silentStreams: true });
    const badge = page.querySelector('live-source-badge')!;
    await waitUntil(() => badge.getAttribute('state') === 'reconnecting', 'a silent socket went unnoticed', { timeout: 5000 });
    expect(streamStats()!.error?.message).to.equal('The stream went silent.');
    // Published while it is away: the server's first word gave it a place to resume from.
    await control('publish', { event: 'wsquiet', data: { n: 1 } });
    await control('faults', { silentStreams: false });
    await waitUntil(() => source.state.connection === 'streaming' && badge.getAttribute('state') === 'live', 'it never came back', { timeout: 5000 });
  });

  it('gives up after the reconnections allowed, and says so on screen', async () => {
    await control('faults', { refuseStreams: true, retryAfter: 0 });
    const page = await fixture(html`<div>
      <live-source name="wsbound" stream=${SOCKET} reconnects="2"></live-source>
      <live-source-badge source="wsbound"></live-source-badge>
      <live-error-alert source="wsbound"></live-error-alert>
    </div>`);
    const source = bundle.getSource('wsbound')!;
    source.configure({ retry: { base: '50ms', max: '100ms' } });
    await waitUntil(() => streamStats()?.state === 'failed', 'it never gave up', { timeout: 8000 });
    const badge = page.querySelector('live-source-badge')!;
    await waitUntil(() => badge.getAttribute('state') === 'error', `the badge says ${badge.getAttribute('state')}`);
    const alert = page.querySelector('live-error-alert')!;
    await waitUntil(() => alert.open, 'the failure was not shown');
    expect(alert.shadowRoot!.textContent).to.include('Gave up after 3 failed reconnections.');
  });

  it('falls back to Server-Sent Events on the same URL when the upgrade is refused', async () => {
    await control('faults', { refuseSockets: true });
    const source = watched<{ n: number }>('wsfallback', { stream: SOCKET });
    const panel = await fixture(html`<live-diagnostics open></live-diagnostics>`);
    // The panel's code comes from beside the single file once one is on the page.
    await customElements.whenDefined('live-diagnostics');
    await waitUntil(() => source.state.connection === 'streaming', 'no stream opened');
    expect(streamStats()).to.include({ transport: 'sse', state: 'open' });
    // Diagnostics say which transport is in use, and where.
    const row = () => [...panel.shadowRoot!.querySelectorAll('tr')].find((tr) => tr.querySelector('th')?.textContent === SOCKET);
    await waitUntil(() => row()?.textContent?.includes(`Server-Sent Events via ${SOCKET.replace(/^ws/, 'http')}`), 'diagnostics do not say SSE is in use');
    await control('publish', { event: 'wsfallback', data: { n: 7 } });
    await waitUntil(() => source.state.data?.n === 7, 'the event never came over the fallback');
  });

  it('goes to the next URL of a deployment when one node cannot be reached', async () => {
    const dead = 'ws://127.0.0.1:9/api/stream';
    const source = watched<{ n: number }>('wsnodes', { stream: [dead, SOCKET] });
    // Tried in turn: a socket to the dead node, the same node as an event stream, then the next node.
    await waitUntil(() => source.state.connection === 'streaming', 'no node was reached', { timeout: 5000 });
    expect(streamStats()).to.include({ transport: 'websocket' });
    expect(streamStats()!.url).to.equal(SOCKET);
  });
});

describe('what a WebSocket server says when it closes', () => {
  afterEach(async () => {
    for (const source of [...bundle.$sources.get().values()]) source.dispose();
    await control('faults', { reset: true });
  });

  it('a refusal for good (4403) ends the stream and shows why; busy (1013) is tried again', async function () {
    const page = await fixture(html`<div>
      <live-source name="wsclose" stream=${SOCKET}></live-source>
      <live-error-alert source="wsclose"></live-error-alert>
    </div>`);
    const source = bundle.getSource('wsclose')!;
    await waitUntil(() => source.state.connection === 'streaming', 'the socket never opened');
    // A socket of the test's own hears the same close: what this engine lets a page read of it.
    const probe = new WebSocket(SOCKET, ['live-widgets']);
    await new Promise((opened) => (probe.onopen = opened));
    const heard = new Promise<number>((closed) => (probe.onclose = (e) => closed(e.code)));
    await control('close-sockets', { code: 1013, reason: 'busy' });
    if ((await heard) === 1013) {
      await waitUntil(() => streamStats()?.error?.kind === 'rate-limited', 'a busy close was not read as busy');
    } else {
      // WebKitGTK (libsoup) takes 1013, newer than its list of close codes, for a broken frame and
      // hands the page 1006: a network break, which is tried again too.
      expect(await heard).to.equal(1006);
      this.test!.title += ' (this engine reads 1013 as 1006: a network break, tried again)';
      await waitUntil(() => streamStats()?.error?.kind === 'network', 'the close was not read as a break');
    }
    await waitUntil(() => source.state.connection === 'streaming', 'a busy close was not tried again', { timeout: 5000 });
    await control('close-sockets', { code: 4403, reason: 'not yours' });
    await waitUntil(() => streamStats()?.state === 'failed', 'a refusal was tried again');
    const alert = page.querySelector('live-error-alert')!;
    await waitUntil(() => alert.open, 'the refusal was not shown');
    expect(alert.shadowRoot!.textContent).to.include('The socket closed (4403: not yours).');
  });

  it('sends the headers option in a first message, never in the URL', async () => {
    await fetch(`${REFERENCE_URL}/api/_control/requests`, { method: 'POST' });
    const source = watched<{ n: number }>('wsauth', { stream: SOCKET, headers: { authorization: 'Bearer sekrit' } });
    await waitUntil(() => source.state.connection === 'streaming', 'the socket never opened');
    const { requests } = await fetch(`${REFERENCE_URL}/api/_control/requests`).then((r) => r.json());
    const upgrade = requests.find((r: { websocket?: boolean }) => r.websocket);
    await waitUntil(
      async () =>
        (await fetch(`${REFERENCE_URL}/api/_control/requests`).then((r) => r.json())).requests.find((r: { websocket?: boolean }) => r.websocket)?.auth,
      'no auth message came',
    );
    expect(upgrade.search).not.to.include('sekrit');
    const { requests: after } = await fetch(`${REFERENCE_URL}/api/_control/requests`).then((r) => r.json());
    expect(after.find((r: { websocket?: boolean }) => r.websocket).auth).to.deep.equal(['authorization']);
  });
});
