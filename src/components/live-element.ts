import type { Changes, LightProperties } from './light-element.js';
import { SourceController } from './source-controller.js';
import { localeOf } from './locale.js';
import { onConfigure, text, type StringKey, type Strings } from './strings.js';
import { BASE_CSS } from './base-css.js';
import { TemplateElement, type Styles } from './template-element.js';
import { applyTheme } from './theme.js';
import { ownLabelKey } from './own-label.js';
import { labelOf } from '../stores/sources.js';

/**
 * What every source-bound element shares: the `source` attribute, the `strings` property,
 * the page's language and theme. Not an element on its own.
 */
export class LiveElement<T = unknown> extends TemplateElement {
  static override styles: Styles = BASE_CSS;
  static override properties: LightProperties = {
    source: { reflect: true },
    strings: { attribute: false },
  };

  /** Name of the source to show; without it, the source named `default` or the page's only one. */
  declare source: string | null;
  /** Words to use instead of the page's (see `configure`). */
  declare strings: Partial<Strings> | null;

  protected readonly bound = new SourceController<T>(this);
  #offConfigure: (() => void) | undefined;

  constructor() {
    super();
    this.source = null;
    this.strings = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#offConfigure = onConfigure(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#offConfigure?.();
  }

  protected override willUpdate(changed: Changes): void {
    // Connected, the controller follows the source; unconnected (a server render), it reads it once.
    if (changed.has('source') || !this.isConnected) this.bound.rebind();
    applyTheme(this);
  }

  /** The word for `key`; empty only for keys without a default (see `Strings`). */
  /**
   * The name of the source to bind; subclasses may name one of their own, or none (`false`).
   * @internal
   */
  get sourceName(): string | null | false {
    return this.source;
  }

  protected t(key: StringKey, vars?: Record<string, string | number>): string {
    return text(key, this.strings, vars) ?? '';
  }

  /** What people call a source, in this element's words: its label, its name, or for an element's own source (sync status, server health) the word for it. */
  protected sourceLabel(name: string): string {
    const key = ownLabelKey(name);
    return key ? this.t(key) || name : labelOf(name);
  }

  /** An error in the page's words (`error.<kind>`, with `{status}`), else the data layer's own message. */
  protected errorText(error: { kind: string; status?: number | undefined; message: string }): string {
    return this.t(`error.${error.kind}` as StringKey, { status: error.status ?? '' }) || error.message;
  }

  protected get locale(): string {
    return localeOf(this);
  }
}
