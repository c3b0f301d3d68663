import { css, html, nothing, type PropertyValues } from 'lit';
import { define } from './define.js';
import { LiveElement } from './live-element.js';
import { dateTimeFormat, timeFormat } from './locale.js';
import { TickController } from './tick-controller.js';
import { words } from './strings.js';
import { lastUpdatedWords } from './words/last-updated.js';

words(lastUpdatedWords);

/**
 * "Updated 12 seconds ago", in the page's language, warning once the data is stale. The time is
 * when the origin produced or confirmed the data (caches on the way and the payload's own
 * timestamp counted), and stale is the source's own verdict, so it never disagrees with the badge.
 * One shared ticker wakes it exactly when its text changes; a screen reader hears the move to
 * stale once.
 *
 * @tag live-last-updated
 * @summary Shows how long ago the server confirmed a source's data.
 * @csspart time - The `<time>` element (absolute time on hover).
 * @csspart stale - The word shown when stale.
 * @csspart placeholder - Shown before the first confirmation.
 * @csspart announce - The visually hidden status that says the data turned stale.
 * @cssprop --live-color-stale - Text colour once the data is stale.
 * @cssprop --live-color-muted - Text colour while fresh.
 */
export class LiveLastUpdated extends LiveElement {
  static override styles = [
    LiveElement.styles,
    css`
      :host {
        display: inline;
        color: var(--_muted);
      }
      :host([stale]) {
        color: var(--_warn);
      }
      [part='stale']::before {
        content: ' · ';
      }
    `,
  ];

  static override properties = {
    stale: { type: Boolean, reflect: true },
  };

  /** Reflected, read-only: the data is older than the source's ttl. */
  declare stale: boolean;

  readonly #tick = new TickController(this);

  constructor() {
    super();
    this.stale = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const state = this.bound.state;
    this.stale = !!state && state.updatedAt !== null && state.stale;
  }

  protected override render() {
    const at = this.bound.state?.updatedAt ?? null;
    // Said once, when it turns stale: the live region holds a sentence that does not tick, and only while stale.
    const announce = html`<span part="announce" class="sr-only" role="status"
      >${this.stale && at !== null ? this.t('staleNow', { time: timeFormat(this.locale).format(at) }) : ''}</span
    >`;
    if (at === null) return html`<span part="placeholder">${this.t('never')}</span>${announce}`;
    const time = this.#tick.ago(at, this.locale);
    const date = new Date(at);
    return html`<time part="time" datetime=${date.toISOString()} title=${dateTimeFormat(this.locale).format(date)}
        >${this.t('updated', { time })}</time
      >${this.stale ? html`<span part="stale" title=${this.t('staleHint')}>${this.t('stale')}</span>` : nothing}${announce}`;
  }
}

define('live-last-updated', LiveLastUpdated);

declare global {
  interface HTMLElementTagNameMap {
    'live-last-updated': LiveLastUpdated;
  }
}
