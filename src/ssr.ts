import { customElements as registry } from '@lit-labs/ssr-dom-shim';
import { FallbackRenderer } from '@lit-labs/ssr/lib/element-renderer.js';
import type { RenderInfo } from '@lit-labs/ssr/lib/render-value.js';
import { renderValue } from '@lit-labs/ssr/lib/render-value.js';
import type { RenderResult } from '@lit-labs/ssr/lib/render-result.js';
import { escapeHtml } from '@lit-labs/ssr/lib/util/escape-html.js';
import { HOST_CSS } from './components/host-css.js';
import { definedLater } from './components/define.js';
import { LightElement, type Changes } from './components/light-element.js';
import { LiveText, type TextView } from './components/live-text.js';
import { flat, TemplateElement } from './components/template-element.js';

// The server's registry (Lit's DOM shim), and the elements defined before there was one.
globalThis.customElements ??= registry as unknown as CustomElementRegistry;
for (const [tag, element] of definedLater()) if (!customElements.get(tag)) customElements.define(tag, element);
definedLater().clear();

/**
 * Renders live-widgets' elements with @lit-labs/ssr, into declarative shadow DOM:
 * `render(template, { elementRenderers: [LiveRenderer] })` (beside `LitElementRenderer` when the
 * page has Lit elements of its own). Each element reads its source once, as the server made it
 * (a source never fetches there), and renders what it would show; in the browser, a text element
 * (`<live-value>`) takes its span over as it is, and the others render again in the same task.
 * `<live-source>` renders nothing: its attributes are its markup.
 */
export class LiveRenderer extends FallbackRenderer {
  static override matchesClass(ctor: typeof HTMLElement): boolean {
    return ctor.prototype instanceof LiveText || ctor.prototype instanceof TemplateElement;
  }

  declare element: LightElement;
  readonly #observed: string[];

  constructor(tagName: string) {
    super(tagName);
    const ctor = customElements.get(tagName) as unknown as typeof LightElement;
    this.#observed = ctor.observedAttributes;
    this.element = new ctor();
  }

  override setAttribute(name: string, value: string): void {
    super.setAttribute(name, value);
    name = name.toLowerCase();
    if (this.#observed.includes(name)) this.element.attributeChangedCallback(name, null, value);
  }

  override *renderAttributes(): RenderResult {
    yield* super.renderAttributes();
    const given = this.#observed.filter((name) => name in (this as unknown as { _attributes: object })._attributes);
    for (const [name, value] of this.element.reflected()) {
      if (value !== null && !given.includes(name)) yield value === '' ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`;
    }
  }

  override *renderShadow(renderInfo: RenderInfo): RenderResult {
    const element = this.element as LightElement & { view?(): TextView; render?(): unknown };
    serverUpdate(element);
    if (element instanceof LiveText) {
      const { part, className, text } = element.view!();
      const css = (element.constructor as typeof LiveText).css;
      yield `<style>${HOST_CSS}${css}</style><span part="${part}"${className ? ` class="${className}"` : ''}>${escapeHtml(text)}</span>`;
      return;
    }
    yield `<style>${flat((element.constructor as typeof TemplateElement).styles)}</style>`;
    yield* renderValue(element.render!(), renderInfo);
  }
}

/** `willUpdate` once, with every property that has a value changed: all of an update that runs on a server. */
function serverUpdate(element: LightElement): void {
  const changes: Changes = new Map();
  const values = element as unknown as Record<string, unknown>;
  for (let c = element.constructor as typeof LightElement; c !== LightElement; c = Object.getPrototypeOf(c)) {
    if (Object.hasOwn(c, 'properties')) for (const name in c.properties) if (values[name] !== undefined) changes.set(name, undefined);
  }
  (element as unknown as { willUpdate(changes: Changes): void }).willUpdate(changes);
}
