import { css } from './host-css.js';
import { html, nothing } from 'lit-html';
import type { Changes, LightProperties } from './light-element.js';
import { define } from './define.js';
import { LiveElement } from './live-element.js';
import { dateTimeFormat, numberFormat, timeFormat } from './locale.js';
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
 * @csspart freshness - With `freshness`: how fresh the data is and when it turns stale.
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
      [part='stale']::before,
      [part='freshness']::before {
        content: ' · ';
      }
    `,
  ];

  static override properties: LightProperties = {
    stale: { type: Boolean, reflect: true },
    freshness: { type: Boolean },
  };

  /** Reflected, read-only: the data is older than the source's ttl. */
  declare stale: boolean;
  /** Also say how fresh the data is and when it turns stale: "80% fresh, stale in 4 minutes" (by the source's ttl). */
  declare freshness: boolean;

  readonly #tick = new TickController(this);

  constructor() {
    super();
    this.stale = this.freshness = false;
  }

  protected override willUpdate(changed: Changes): void {
    super.willUpdate(changed);
    const state = this.bound.state;
    this.stale = !!state && state.updatedAt !== null && state.stale;
  }

  /** "80% fresh, stale in 4 minutes": the share of the ttl left, in 5% steps rounded down (never more than is true), and the countdown. */
  #freshness(at: number) {
    const ttl = this.bound.state?.ttl;
    if (!this.freshness || !ttl) return nothing;
    const step = ttl / 20;
    const now = Date.now();
    const left = Math.max(0, at + ttl - now);
    const share = Math.floor(left / step) / 20;
    // The share drops a step at the next multiple of `step` left.
    this.#tick.wakeAt(at + ttl - Math.floor(left / step) * step + 1);
    const percent = numberFormat(this.locale, { style: 'percent' }).format(share);
    return html`<span part="freshness">${this.t('freshness', { percent, time: this.#tick.until(at + ttl, this.locale) })}</span>`;
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
      >${this.stale ? html`<span part="stale" title=${this.t('staleHint')}>${this.t('stale')}</span>` : this.#freshness(at)}${announce}`;
  }
}

define('live-last-updated', LiveLastUpdated);

declare global {
  interface HTMLElementTagNameMap {
    'live-last-updated': LiveLastUpdated;
  }
}
