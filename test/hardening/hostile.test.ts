// Hostile input: markup and script in every string the widgets show stay text; prototype keys in
// data, paths, words and attributes reach nothing.
import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../src/index.js';
import { configure, defaultStrings } from '../../src/components/strings.js';
import { createSource } from '../../src/data/source.js';
import { getSource } from '../../src/stores/sources.js';
import { pause, testNetwork, until, url } from '../helpers.js';

const worker = await testNetwork();

/** Strings that would run script, or change the page, if they ever became markup. */
const CORPUS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '"><svg onload="window.__xss=1"><"',
  '\'><iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '<a href="javascript:window.__xss=1">click</a>',
  '</style><style>*{display:none}</style>',
  '${window.__xss=1}{{constructor.constructor("window.__xss=1")()}}',
  'javascript:window.__xss=1',
  '<details open ontoggle="window.__xss=1">',
  '\u202eevil\u202c <b>bold</b> &lt;&amp;',
];

/** Every element inside `root` and the shadow roots below it. */
function everyElement(root: Element | ShadowRoot): Element[] {
  const found: Element[] = [];
  for (const el of root.querySelectorAll('*')) {
    found.push(el);
    if (el.shadowRoot) found.push(...everyElement(el.shadowRoot));
  }
  return found;
}
const allText = (root: Element) => [root, ...everyElement(root)].map((el) => (el.shadowRoot ? el.shadowRoot.textContent : '')).join('\n') + root.textContent;

describe('hostile text from the server', () => {
  for (const payload of CORPUS) {
    it(`shows ${JSON.stringify(payload)} as text wherever it appears`, async () => {
      delete (window as { __xss?: number }).__xss;
      const data = url('data');
      const failing = url('failing');
      const sync = url('sync');
      const health = url('health');
      worker.use(
        http.get(data, () => HttpResponse.json({ v: payload, [payload]: payload })),
        http.get(failing, () => HttpResponse.json({ message: payload }, { status: 500 })),
        http.get(sync, () =>
          HttpResponse.json({ entities: [{ name: payload, status: 'failed', lastSyncAt: new Date().toISOString(), records: 3, error: payload }] }),
        ),
        http.get(health, () => HttpResponse.json({ status: 'down', version: payload, checks: { [payload]: { status: 'down', message: payload } } })),
      );
      const page = await fixture(html`<div>
        <live-source name="data" src=${data}></live-source>
        <live-value source="data" path="v"></live-value>
        <live-error-alert></live-error-alert>
        <live-sync-status src=${sync}></live-sync-status>
        <live-diagnostics open health=${health}></live-diagnostics>
      </div>`);
      // A source whose very name is hostile (a CMS author typed it), failing with a hostile message.
      const bad = createSource(payload, { src: failing, retry: { attempts: 1 } });
      await until(bad.$state, (s) => s.status === 'error');
      await until(getSource('data')!.$state, (s) => s.data !== undefined);
      const shown = () => allText(page);
      // Let everything render, and anything that would load or error do so.
      for (let i = 0; i < 40 && shown().split(payload).length <= 5; i++) await pause(50);
      await pause(100);

      expect((window as { __xss?: number }).__xss, 'script ran').to.equal(undefined);
      const elements = everyElement(page);
      expect(
        elements.filter((el) => ['SCRIPT', 'IMG', 'IFRAME', 'A', 'DETAILS'].includes(el.tagName) && !el.matches('details[part]')).map((el) => el.outerHTML),
      ).to.deep.equal([]);
      for (const el of elements) {
        for (const attr of el.getAttributeNames()) expect(attr, `${el.tagName} got an ${attr} attribute`).not.to.match(/^on|^srcdoc$/);
        expect(el.getAttribute('href') ?? '').not.to.match(/^javascript:/i);
      }
      // Each place showed it, as the very characters the server sent.
      const count = shown().split(payload).length - 1;
      expect(count, `the text was shown ${count} times`).to.be.at.least(5);
      expect(getComputedStyle(page.querySelector('live-value')!).display).not.to.equal('none');
    });
  }
});

describe('prototype keys', () => {
  const clean = () => {
    expect(({} as Record<string, unknown>).polluted, 'Object.prototype was polluted').to.equal(undefined);
    expect(({} as Record<string, unknown>).refresh).to.equal(undefined);
  };

  it('in data and in paths, reach nothing', async () => {
    const data = url('proto');
    const json = (text: string) => new HttpResponse(text, { headers: { 'content-type': 'application/json' } });
    worker.use(http.get(data, () => json('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"v":1}')));
    const paths = ['toString', 'hasOwnProperty', 'v.constructor', 'v.__proto__', 'v.toFixed', '__defineGetter__'];
    const page = await fixture(html`<div>
      <live-source name="proto" src=${data} fallback='{"__proto__":{"polluted":"yes"}}'></live-source>
      ${paths.map((path) => html`<live-value source="proto" path=${path} placeholder="none"></live-value>`)}
    </div>`);
    const source = getSource('proto')!;
    const shown = () => [...page.querySelectorAll('live-value')].map((v) => v.shadowRoot!.textContent!.trim());
    await until(source.$state, (s) => s.origin === 'live');
    await pause(0);
    expect(shown()).to.deep.equal(paths.map(() => 'none'));
    source.push(JSON.parse('{"__proto__":{"polluted":"pushed"},"v":2}'));
    await pause(0);
    expect(shown()).to.deep.equal(paths.map(() => 'none'));
    clean();
  });

  it('in words, health checks and sync jobs, reach nothing', async () => {
    configure({ strings: JSON.parse('{"__proto__":{"refresh":"Hacked","polluted":"yes"}}') });
    const health = url('health');
    const sync = url('sync');
    worker.use(
      http.get(
        health,
        () =>
          new HttpResponse('{"status":"ok","checks":{"__proto__":{"status":"down","polluted":"yes"}}}', { headers: { 'content-type': 'application/json' } }),
      ),
      http.get(
        sync,
        () =>
          new HttpResponse('{"entities":[{"name":"__proto__","status":"ok","polluted":"yes"}],"__proto__":{"polluted":"yes"}}', {
            headers: { 'content-type': 'application/json' },
          }),
      ),
    );
    const page = await fixture(html`<div>
      <live-refresh-button></live-refresh-button>
      <live-diagnostics open health=${health}></live-diagnostics>
      <live-sync-status src=${sync}></live-sync-status>
    </div>`);
    await until(getSource(`sync:${sync}`)!.$state, (s) => s.data !== undefined);
    await pause(50);
    expect(page.querySelector('live-refresh-button')!.shadowRoot!.textContent).to.contain('Refresh').and.not.contain('Hacked');
    expect(page.querySelector('live-sync-status')!.shadowRoot!.textContent).to.contain('__proto__');
    clean();
    configure({ strings: { ...defaultStrings } });
  });
});
