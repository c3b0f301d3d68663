// The autoloading CDN entry, built (dist/cdn/) and served from another origin under a CDN-like
// path by the reference server: one <script type=module> defines each live-* element when it
// first appears, fetching only its module and the chunks it needs, each once.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../wait.js';

declare const REFERENCE_URL: string;
const BASE = `${REFERENCE_URL}/dist/cdn/`;

/** The script URLs fetched from the CDN so far, with how many times each. */
function fetched(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of performance.getEntriesByType('resource')) {
    if (!e.name.startsWith(BASE)) continue;
    const file = e.name.slice(BASE.length);
    counts.set(file, (counts.get(file) ?? 0) + 1);
  }
  return counts;
}

const defined = (tag: string) => customElements.get(tag) !== undefined;

before(async () => {
  const script = document.createElement('script');
  script.type = 'module';
  script.src = `${BASE}live-widgets.auto.js`;
  const loaded = new Promise((resolve, reject) => {
    script.onload = resolve;
    script.onerror = reject;
  });
  document.head.append(script);
  await loaded;
});

describe('the autoloading CDN entry', () => {
  it('defines elements present, added later, and inside shadow roots, loading only what they need', async () => {
    // Nothing of ours on the page yet: nothing but the autoloader was fetched.
    expect([...fetched().keys()]).to.deep.equal(['live-widgets.auto.js']);

    const host = document.createElement('div');
    host.innerHTML = `<live-source name="auto" src="${REFERENCE_URL}/api/overview"></live-source><live-value source="auto" path="visitors"></live-value>`;
    document.body.append(host);
    await waitUntil(() => defined('live-source') && defined('live-value'), 'the elements added were not defined');
    const value = host.querySelector('live-value')!;
    await waitUntil(() => /\d/.test(value.shadowRoot?.textContent ?? ''), 'the value never showed');
    expect(defined('live-diagnostics'), 'an element not on the page was loaded').to.equal(false);
    // Polling only: neither the stream client nor the offline cache came.
    expect(
      [...fetched().keys()].some((f) => /chunks\/(stream|cache)-/.test(f)),
      'an unused data feature was loaded',
    ).to.equal(false);

    // Inside a shadow root the page creates (closed, even), and added after the fact.
    const shadowHost = document.createElement('div');
    const root = shadowHost.attachShadow({ mode: 'closed' });
    document.body.append(shadowHost);
    root.innerHTML = '<p><live-source-badge source="auto"></live-source-badge></p>';
    await waitUntil(() => defined('live-source-badge'), 'an element inside a shadow root was not defined');
    await waitUntil(() => root.querySelector('live-source-badge')!.getAttribute('state') === 'live', 'the badge in the shadow root never said live');

    // More of the same: nothing is fetched twice.
    host.insertAdjacentHTML('beforeend', '<live-value source="auto" path="revenue"></live-value><live-source-badge source="auto"></live-source-badge>');
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const [file, times] of fetched()) expect(times, `${file} fetched ${times} times`).to.equal(1);
    host.remove();
    shadowHost.remove();
  });

  it('loads the stream client when a source asks for a stream, from the same base', async () => {
    document.body.insertAdjacentHTML('beforeend', `<live-source id="auto-stream" name="auto-stream" stream="${REFERENCE_URL}/api/stream"></live-source>`);
    const el = document.getElementById('auto-stream') as HTMLElement & { state?: { connection: string } };
    await waitUntil(() => el.state?.connection === 'streaming', 'the stream never opened');
    expect([...fetched().keys()].some((f) => /^chunks\/stream-/.test(f))).to.equal(true);
    el.remove();
  });

  it('asks for the source and the value before the other elements, whatever their order in the page', async () => {
    // A fresh document: the elements come after the source's and the value's in the page, and first
    // in the build's order; on HTTP/1.1, six requests at a time, the data would wait behind them.
    const frame = document.createElement('iframe');
    frame.srcdoc = `<script type="module" src="${BASE}live-widgets.auto.js"></script>
      <live-error-alert></live-error-alert><live-auto-refresh source="f"></live-auto-refresh><live-last-updated source="f"></live-last-updated>
      <live-source name="f" src="${REFERENCE_URL}/api/overview"></live-source><live-value source="f" path="visitors"></live-value>`;
    document.body.append(frame);
    try {
      await waitUntil(
        () =>
          ['live-source', 'live-value', 'live-error-alert', 'live-auto-refresh', 'live-last-updated'].every((tag) =>
            frame.contentWindow?.customElements.get(tag),
          ),
        'the frame never defined its elements',
      );
      // When each was asked for (a coarse clock may give several the same time: ties pass).
      const asked = new Map(
        frame
          .contentWindow!.performance.getEntriesByType('resource')
          .map((e) => [e.name.slice(BASE.length), e.startTime] as const)
          .filter(([file]) => /^live-(?!widgets)[\w-]+\.js$/.test(file)),
      );
      const others = ['live-error-alert.js', 'live-auto-refresh.js', 'live-last-updated.js'].map((file) => asked.get(file)!);
      const order = [...asked].map(([file, at]) => `${file} ${at.toFixed(1)}`).join(', ');
      expect(
        others.every((at) => at !== undefined),
        order,
      ).to.equal(true);
      expect(asked.get('live-source.js')! <= Math.min(...others), `the source's code was asked for after another element's: ${order}`).to.equal(true);
      expect(asked.get('live-value.js')! <= Math.min(...others), `the value's code was asked for after another element's: ${order}`).to.equal(true);
    } finally {
      frame.remove();
    }
  });
});
