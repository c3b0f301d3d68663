import { css, html, nothing, type PropertyValues } from 'lit';
import { define } from './define.js';
import { logOnce } from './log-once.js';
import { LiveElement } from './live-element.js';
import { dateTimeFormat } from './locale.js';
import { TickController } from './tick-controller.js';
import { words } from './strings.js';
import { parseDuration } from '../data/duration.js';
import { freshness } from '../data/freshness.js';

/** The words this element shows: replace them with its `strings` property or `configure({ strings })`. */
export const lastUpdatedWords = words({
  updated: 'Updated {time}',
  never: 'Not updated yet',
  stale: 'stale',
  staleHint: 'This data may be out of date.',
});

/**
 * "Updated 12 seconds ago", in the page's language, warning once the data is stale.
 * One shared ticker wakes it exactly when its text changes.
 *
 * @tag live-last-updated
 * @summary Shows how long ago the server confirmed a source's data.
 * @csspart time - The `<time>` element (absolute time on hover).
 * @csspart stale - The word shown when stale.
 * @csspart placeholder - Shown before the first confirmation.
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
    staleAfter: { attribute: 'stale-after' },
    stale: { type: Boolean, reflect: true },
  };

  /** Overrides the source's ttl for this element (`30s`, `5m`, ms). */
  declare staleAfter: string | null;
  /** Reflected: the data is older than the ttl. */
  declare stale: boolean;

  #ttl: number | undefined;
  readonly #tick = new TickController(this);

  constructor() {
    super();
    this.staleAfter = null;
    this.stale = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('staleAfter')) this.#ttl = this.#readStaleAfter();
    const state = this.bound.state;
    if (!state || state.updatedAt === null) {
      this.stale = false;
      return;
    }
    const ttl = this.#ttl ?? state.ttl;
    this.stale = freshness({ updatedAt: state.updatedAt, ttl }).status === 'stale';
    if (!this.stale) this.#tick.wakeAt(state.updatedAt + ttl);
  }

  #readStaleAfter(): number | undefined {
    if (this.staleAfter === null || this.staleAfter === '') return undefined;
    try {
      return parseDuration(this.staleAfter, 'stale-after');
    } catch (e) {
      logOnce(`<live-last-updated>: ${(e as Error).message}; using the source's ttl`);
      return undefined;
    }
  }

  protected override render() {
    const at = this.bound.state?.updatedAt ?? null;
    if (at === null) return html`<span part="placeholder">${this.t('never')}</span>`;
    const time = this.#tick.ago(at, this.locale);
    const date = new Date(at);
    return html`<time part="time" datetime=${date.toISOString()} title=${dateTimeFormat(this.locale).format(date)}
        >${this.t('updated', { time })}</time
      >${this.stale
        ? html`<span part="stale" title=${this.t('staleHint')}>${this.t('stale')}</span>`
        : nothing}`;
  }
}

define('live-last-updated', LiveLastUpdated);

declare global {
  interface HTMLElementTagNameMap {
    'live-last-updated': LiveLastUpdated;
  }
}
