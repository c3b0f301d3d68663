import { nothing, render, type RenderOptions, type RootPart } from 'lit-html';
import { LightElement, shadowOf, type Changes } from './light-element.js';

/** Style sheets as text (`css` of `host-css.ts`), in lists as Lit's `styles` are. */
export type Styles = string | readonly Styles[];
/** The text of `styles`, as a shadow root adopts it (and a server render writes it). */
export const flat = (styles: Styles): string => (typeof styles === 'string' ? styles : styles.map(flat).join(''));

/**
 * The base of the elements whose markup pays for templates: `LightElement` with lit-html's
 * `render()` into a shadow root that adopts the class's `styles`, as `LitElement` does, without
 * Lit's element classes (a page pays for one base, ours). A server render's markup is replaced by
 * the first update, in the same task: nothing is painted between.
 */
export class TemplateElement extends LightElement {
  static styles: Styles = '';
  #part: RootPart | undefined;
  readonly #options: RenderOptions = { host: this, isConnected: true };

  /** Where it renders: its shadow root. */
  get renderRoot(): ShadowRoot {
    return shadowOf(this, flat((this.constructor as typeof TemplateElement).styles));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#part?.setConnected(true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#part?.setConnected(false);
  }

  protected override update(changes: Changes): void {
    const value = this.render();
    super.update(changes);
    this.#part = render(value, this.renderRoot, this.#options);
  }

  /** What it shows: a lit-html template (the server renderer renders it too). */
  protected render(): unknown {
    return nothing;
  }
}
