import { HOST_CSS } from './host-css.js';
import { LightElement, shadowOf, type Changes, type LightProperties } from './light-element.js';
import { localeOf } from './locale.js';
import { SourceController } from './source-controller.js';
import { onConfigure, text, type StringKey, type Strings } from './strings.js';
import { applyTheme } from './theme.js';

/** What a text element shows: one span, with its part, its class and its words. */
export interface TextView {
  part: string;
  className: string;
  text: string;
}

/**
 * What a source-bound element that shows one text shares, on no Lit: the `source` attribute, the
 * `strings` property, the page's language and theme (as `LiveElement` gives Lit's elements), and
 * one `<span>` in its shadow root, written only where it changed. A server render (with the
 * renderer of `live-widgets/ssr`) leaves that span in declarative shadow DOM, and the browser's
 * first update takes it over as it is: no flash. Not an element on its own.
 */
export class LiveText<T = unknown> extends LightElement {
  static override properties: LightProperties = {
    source: { reflect: true },
    strings: { attribute: false },
  };

  /** The element's own style sheet, after the theme's. */
  static css = '';

  /** Name of the source to show; without it, the source named `default` or the page's only one. */
  declare source: string | null;
  /** Words to use instead of the page's (see `configure`). */
  declare strings: Partial<Strings> | null;

  protected readonly bound = new SourceController<T>(this);
  #offConfigure: (() => void) | undefined;
  #span: HTMLSpanElement | undefined;

  constructor() {
    super();
    this.source = null;
    this.strings = null;
  }

  /**
   * The name of the source to bind.
   * @internal
   */
  get sourceName(): string | null {
    return this.source;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#offConfigure = onConfigure(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#offConfigure?.();
  }

  protected override willUpdate(changes: Changes): void {
    if (changes.has('source')) this.bound.rebind();
    applyTheme(this);
  }

  protected override update(changes: Changes): void {
    super.update(changes);
    const { part, className, text } = this.view();
    const root = shadowOf(this, HOST_CSS + (this.constructor as typeof LiveText).css, true);
    const span = (this.#span ??= root.querySelector('span') ?? root.appendChild(document.createElement('span')));
    if (span.getAttribute('part') !== part) span.setAttribute('part', part);
    if ((span.getAttribute('class') ?? '') !== className) span.setAttribute('class', className);
    if (span.textContent !== text) span.textContent = text;
  }

  /** What to show (the server renderer reads it too). */
  protected view(): TextView {
    return { part: 'value', className: '', text: '' };
  }

  protected t(key: StringKey, vars?: Record<string, string | number>): string {
    return text(key, this.strings, vars) ?? '';
  }

  protected get locale(): string {
    return localeOf(this);
  }
}
