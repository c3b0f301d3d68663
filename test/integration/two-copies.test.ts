// The bundle loaded twice on one page (a host's build and a CMS widget's script, say).
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../wait.js';
import sinon from 'sinon';
import { countFigures } from './reference.js';

declare const REFERENCE_URL: string;
type Bundle = typeof import('../../src/index.js');
const BUNDLE = `${REFERENCE_URL}/dist/live-widgets.js`;

const first: Bundle = await import(/* @vite-ignore */ BUNDLE);
const second: Bundle = await import(/* @vite-ignore */ `${BUNDLE}?copy=2`);

afterEach(() => {
  for (const source of [...first.$sources.get().values()]) source.dispose();
  sinon.restore();
});

describe('two copies of the bundle on one page', () => {
  it('are two module instances that never throw', () => {
    expect(first).not.to.equal(second);
    expect(first.createSource).not.to.equal(second.createSource);
  });

  it('share one set of sources and stores: a source made by one shows in the other’s elements', async () => {
    // Watched through the second copy: the figures count for both.
    await countFigures(second);
    const source = second.createSource('shared', { src: `${REFERENCE_URL}/api/overview` });
    expect(first.getSource('shared')).to.equal(source);
    expect(first.$sources).to.equal(second.$sources);
    expect(first.$diagnostics).to.equal(second.$diagnostics);
    expect(() => first.createSource('shared', {})).to.throw(TypeError, /already exists/);
    const el = await fixture(html`<live-value source="shared" path="visitors"></live-value>`);
    await waitUntil(() => /\d/.test(el.shadowRoot!.textContent!), 'the element never showed the other copy’s source');
    expect(second.$diagnostics.get().shared!.requests).to.equal(1);
  });

  it('share one ticker and one page of words', async () => {
    const registry = (globalThis as Record<symbol, Record<string, unknown>>)[Symbol.for('live-widgets')];
    expect(Object.keys(registry)).to.include.members(['ticker:2', 'sources', 'sourceRegistry', 'strings', 'elements']);
    const el = await fixture(html`<live-refresh-button></live-refresh-button>`);
    second.configure({ strings: { refresh: 'Reload' } });
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(el.shadowRoot!.querySelector('button')!.textContent!.trim()).to.equal('Reload');
    first.configure({ strings: { refresh: first.defaultStrings.refresh } });
  });

  it('warns once when another version holds the tags', async () => {
    const registry = (globalThis as Record<symbol, { elements: { versions: Map<string, string>; warned: boolean } }>)[Symbol.for('live-widgets')];
    for (const tag of registry.elements.versions.keys()) registry.elements.versions.set(tag, '0.0.1');
    const warn = sinon.stub(console, 'warn');
    await import(/* @vite-ignore */ `${BUNDLE}?copy=3`);
    expect(warn.callCount).to.equal(1);
    expect(String(warn.firstCall.args[0])).to.match(/already defined by live-widgets 0\.0\.1/);
  });

  it('says its version, the package’s', async () => {
    const pkg = await (await fetch('/package.json')).json();
    const { VERSION } = await import('../../src/version.js');
    expect(VERSION).to.equal(pkg.version);
  });
});
