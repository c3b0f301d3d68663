// Tabs through the autoloader, as a CMS page loads the elements: a tab that is alone downloads
// none of the protocol that several tabs speak (the `tabs` chunk); when a second tab of its
// group opens, the first loads it, keeps serving, and the second shows the first's data without
// a request of its own. Each "tab" is a same-origin frame with its own copy of the library.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../wait.js';

declare const REFERENCE_URL: string;
const BASE = `${REFERENCE_URL}/dist/cdn/`;

const frames: HTMLIFrameElement[] = [];
afterEach(() => frames.splice(0).forEach((f) => f.remove()));

/** A tab showing one value of the reference server's overview, in a namespace of the test's own. */
async function openTab(namespace: string, src: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html lang="en"><head><script type="module" src="${BASE}live-widgets.auto.js"></script></head><body>
    <live-source name="overview" namespace="${namespace}" src="${src}"></live-source>
    <live-value source="overview" path="visitors"></live-value>
    <live-source-badge source="overview"></live-source-badge></body></html>`;
  document.body.append(frame);
  frames.push(frame);
  await new Promise((r) => frame.addEventListener('load', r, { once: true }));
  return frame;
}

const shown = (frame: HTMLIFrameElement) => frame.contentDocument!.querySelector('live-value')?.shadowRoot?.textContent?.trim() ?? '';
const badge = (frame: HTMLIFrameElement) => frame.contentDocument!.querySelector('live-source-badge')?.getAttribute('state');
/** Whether the frame fetched the protocol of several tabs. */
const loadedProtocol = (frame: HTMLIFrameElement) =>
  frame.contentWindow!.performance.getEntriesByType('resource').some((e) => e.name.startsWith(`${BASE}chunks/tabs-`));
const requests = async (marker: string) => {
  const { requests } = await fetch(`${REFERENCE_URL}/api/_control/requests`).then((r) => r.json());
  return (requests as { path: string; search: string }[]).filter((r) => r.search.includes(marker)).length;
};

describe('tabs through the autoloader', () => {
  it('a lone tab loads no tab protocol; a second tab makes it load it, and shows its data with no request of its own', async () => {
    const marker = `scout-${Math.random().toString(36).slice(2, 8)}`;
    const src = `${REFERENCE_URL}/api/overview?${marker}`;
    const a = await openTab(marker, src);
    await waitUntil(() => badge(a) === 'live' && /\d/.test(shown(a)), 'the first tab never went live');
    expect(loadedProtocol(a), 'the lone tab fetched the tabs chunk').to.equal(false);
    expect(await requests(marker)).to.equal(1);

    const b = await openTab(marker, src);
    await waitUntil(() => badge(b) === 'live' && shown(b) === shown(a), 'the second tab never showed the first one’s data');
    expect(loadedProtocol(a), 'the first tab did not load the protocol when the second came').to.equal(true);
    expect(loadedProtocol(b)).to.equal(true);
    expect(await requests(marker), 'the second tab fetched too').to.equal(1);
  });
});
