// The builds as users load them: the CDN file alone on a bare page, and the npm modules.
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../wait.js';

declare const REFERENCE_URL: string;

describe('the CDN builds', () => {
  for (const [build, script] of [
    ['the autoloader', '/dist/cdn/live-widgets.auto.js'],
    ['the single file', '/dist/live-widgets.js'],
  ])
    it(`${build} works alone on a bare HTML page (the plain HTML example), as a CMS embed would use it`, async () => {
      const frame = document.createElement('iframe');
      // No shim, no other script: only the file and markup, served from another origin.
      const example = (await (await fetch('/examples/html/index.html')).text()).replace('/dist/cdn/live-widgets.auto.js', script);
      expect(example).to.include(`src="${script}"`);
      frame.srcdoc = example.replace(/"\/(dist|api)\//g, `"${REFERENCE_URL}/$1/`);
      const errors: string[] = [];
      document.body.append(frame);
      await new Promise((r) => frame.addEventListener('load', r, { once: true }));
      frame.contentWindow!.addEventListener('error', (e) => errors.push(e.message));
      const doc = frame.contentDocument!;
      await waitUntil(() => doc.querySelector('live-source-badge')?.getAttribute('state') === 'live', 'the bare page never went live', { timeout: 5000 });
      expect(doc.querySelector('live-value')!.shadowRoot!.textContent!.trim()).to.match(/^\d{1,3}(,\d{3})+$/);
      expect(errors).to.deep.equal([]);
      frame.remove();
    });
});

describe('the npm build', () => {
  it('has a data entry that defines no element, and element modules that define only themselves', async () => {
    const data = await import('/dist/esm/data.js' as string);
    expect(data.createSource).to.be.a('function');
    expect(customElements.get('live-value')).to.equal(undefined);
    const { LiveValue } = await import('/dist/esm/components/live-value.js' as string);
    expect(customElements.get('live-value')).to.equal(LiveValue);
    expect(customElements.get('live-source')).to.equal(undefined);
    const source = data.createSource('npm', { src: `${REFERENCE_URL}/api/overview` });
    const el = await fixture(html`<live-value source="npm" path="visitors"></live-value>`);
    await waitUntil(() => /\d/.test(el.shadowRoot!.textContent!), 'the element never showed the value');
    source.dispose();
  });
});

describe('development and production builds', () => {
  const bad = { poll: 'soon' };
  const thrown = (create: (name: string, options: object) => unknown, name: string) => {
    try {
      create(name, bad);
    } catch (e) {
      return (e as Error).message;
    }
    return 'nothing thrown';
  };

  it('the npm development tree says what the option must be; the default tree and the CDN file name the option and the value', async () => {
    const dev = await import('/dist/esm-dev/data.js' as string);
    const prod = await import('/dist/esm/data.js' as string);
    const cdn = await import('/dist/live-widgets.js' as string);
    expect(thrown(dev.createSource, 'dev-message')).to.equal(
      'live-widgets: "poll" must be a duration such as 500ms, 15s, 1m, 2h or 1d, or a number of milliseconds ≥ 0; got "soon"',
    );
    const short = 'live-widgets: "poll" is not valid: "soon"';
    expect(thrown(prod.createSource, 'prod-message')).to.equal(short);
    expect(thrown(cdn.createSource, 'cdn-message')).to.equal(short);
    // The README leads to the options, which say what each must be.
    expect(await (await fetch('/README.md')).text()).to.include('[`createSource(name, options)` and its options](docs/guide/data-layer.md)');
    expect(await (await fetch('/docs/guide/data-layer.md')).text()).to.include('## `createSource(name, options)`');
  });

  it('the package maps each npm entry to both trees', async () => {
    const pkg = await (await fetch('/package.json')).json();
    for (const [entry, target] of Object.entries(pkg.exports as Record<string, string | Record<string, string>>)) {
      if (typeof target === 'string' || !target.default.startsWith('./dist/esm/')) continue;
      expect(target.development, entry).to.equal(target.default.replace('./dist/esm/', './dist/esm-dev/'));
      expect(Object.keys(target), entry).to.deep.equal(['types', 'development', 'default']);
    }
  });
});

describe('the single file, when a part beside it cannot be loaded', () => {
  it('works on from memory and by polling; a source that has only its stream says the stream client could not be loaded', async () => {
    // Served from a blob: URL, the file finds nothing beside it: each part it loads on use really fails.
    const code = await (await fetch(`${REFERENCE_URL}/dist/live-widgets.js`)).text();
    const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    const live: typeof import('../../src/index.js') = await import(/* @vite-ignore */ url);
    const polled = live.createSource('orphan', {
      src: `${REFERENCE_URL}/api/overview?orphan`,
      stream: `${REFERENCE_URL}/api/stream`,
      poll: '1m',
      persist: true,
      tabs: 'independent',
    });
    const streamed = live.createSource('orphan-stream', { stream: `${REFERENCE_URL}/api/stream`, tabs: 'independent' });
    polled.$state.listen(() => {});
    streamed.$state.listen(() => {});
    await waitUntil(() => polled.state.origin === 'live', 'the source never loaded its data');
    // No stream and no offline cache: it polls, from memory, and a refresh still reaches the server.
    await waitUntil(() => polled.state.connection === 'polling', `it never fell back to polling (${polled.state.connection})`);
    expect(polled.state.data).to.have.property('visitors');
    expect((await polled.refresh()).origin).to.equal('live');
    await waitUntil(() => /stream client could not be loaded/.test(streamed.state.error?.message ?? ''), 'the stream-only source never said what was missing');
    expect(streamed.state.status).to.equal('error');
    polled.dispose();
    streamed.dispose();
    URL.revokeObjectURL(url);
  });
});
