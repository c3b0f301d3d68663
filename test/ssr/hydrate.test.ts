// A server render hydrated in the browser: the markup @lit-labs/ssr made in Node (the test
// runner's `ssr` command, with the built npm modules) is parsed with its declarative shadow roots,
// then the elements are defined here and hydrate it. The server passed its data along
// (`initial`), so the value is on screen before any script ran, stays through hydration, and no
// request goes out for it.
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import sinon from 'sinon';

const updatedAt = Date.now() - 2000;
const data = { visitors: 123456 };
const src = '/api/ssr-overview';
const source = `name="ssr" src="${src}" poll="1m" initial='${JSON.stringify({ data, updatedAt })}'`;
/** The words an element shows: its shadow root's text nodes, not its style sheet or Lit's comments. */
function shown(el: Element): string {
  const walker = document.createTreeWalker(el.shadowRoot!, NodeFilter.SHOW_TEXT);
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.parentElement?.localName !== 'style') text += n.textContent;
  return text.trim();
}

describe('a server render, hydrated', () => {
  it('shows the server’s value before and after hydration, with no flash, no console error and no request', async () => {
    const markup = `<live-source ${source}></live-source>
      <live-value source="ssr" path="visitors"></live-value>
      <live-source-badge source="ssr"></live-source-badge>
      <live-last-updated source="ssr"></live-last-updated>`;
    const rendered = await executeServerCommand<string, object>('ssr', { markup, sources: { ssr: { src, initial: { data, updatedAt } } } });
    expect(rendered).to.include('shadowrootmode="open"');

    const fetches = sinon.spy(globalThis, 'fetch');
    const errors = sinon.spy(console, 'error');
    const host = document.createElement('div');
    (host as HTMLElement & { setHTMLUnsafe(html: string): void }).setHTMLUnsafe(rendered);
    document.body.append(host);
    const value = host.querySelector('live-value')!;
    // Before any element is defined: the server's words, in declarative shadow DOM.
    expect(shown(value)).to.equal('123,456');
    expect(customElements.get('live-value')).to.equal(undefined);

    // Now the elements are defined, and hydrate what is there.
    const seen: string[] = [];
    const watch = new MutationObserver(() => seen.push(shown(value)));
    watch.observe(value.shadowRoot!, { subtree: true, childList: true, characterData: true });
    await import('../../src/index.js');
    const badge = host.querySelector('live-source-badge')!;
    await waitUntil(() => badge.getAttribute('state') === 'live', `the badge says ${badge.getAttribute('state')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    watch.disconnect();
    expect(shown(value)).to.equal('123,456');
    expect(
      seen.filter((text) => text !== '123,456'),
      'the value flashed',
    ).to.deep.equal([]);
    expect(
      fetches
        .getCalls()
        .map((c) => String(c.args[0]))
        .filter((u) => u.includes(src)),
      'a second fetch',
    ).to.deep.equal([]);
    // Each shows its words once: the server's markup was taken over or replaced, never rendered beside.
    expect(value.shadowRoot!.querySelectorAll('span')).to.have.length(1);
    expect(badge.shadowRoot!.querySelectorAll('[part=badge]')).to.have.length(1);
    expect(host.querySelector('live-last-updated')!.shadowRoot!.querySelectorAll('[part=time]')).to.have.length(1);
    expect(errors.callCount, String(errors.firstCall?.args[0])).to.equal(0);
    host.remove();
    fetches.restore();
    errors.restore();
  });
});
