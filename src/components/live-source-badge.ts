import { css } from './host-css.js';
import { html, nothing } from 'lit-html';
import type { Changes, LightProperties } from './light-element.js';
import { define } from './define.js';
import { LiveElement } from './live-element.js';
import { TickController } from './tick-controller.js';
import { words } from './strings.js';
import { badgeWords } from './words/source-badge.js';
import type { SourceConnection, SourceOrigin } from '../data/source.js';
import { timeFormat } from './locale.js';
import { badgeLabel, badgeState, type BadgeState } from '../stores/badge-state.js';

words(badgeWords);

export { badgeLabel, badgeState, type BadgeState };

/**
 * @tag live-source-badge
 * @summary Says whether the data on screen is live, stale, cached or a fallback, and what is wrong: offline, failing, retrying, reconnecting.
 * @csspart badge - The whole badge.
 * @csspart dot - The coloured dot (shape differs per state, so colour is never alone).
 * @csspart label - The words: the state, after the origin when a problem hides it ("Cached · Update failed").
 * @csspart age - How old cached data is.
 * @csspart when - When it tries again.
 * @cssprop --live-color-live - Colour for live data.
 * @cssprop --live-color-cache - Colour for cached data.
 * @cssprop --live-color-fallback - Colour for fallback data.
 * @cssprop --live-color-offline - Colour while offline.
 * @cssprop --live-color-error - Colour after a failure.
 */
export class LiveSourceBadge extends LiveElement {
  static override styles = [
    LiveElement.styles,
    css`
      :host {
        display: inline-block;
        --_c: var(--_muted);
      }
      :host([state='live']) {
        --_c: var(--_live);
      }
      :host([state='cache']) {
        --_c: var(--_cache);
      }
      :host([state='fallback']) {
        --_c: var(--_fallback);
      }
      :host([state='offline']) {
        --_c: var(--_offline);
      }
      :host([state='stale']),
      :host([state='retrying']),
      :host([state='reconnecting']) {
        --_c: var(--_warn);
      }
      :host([state='error']) {
        --_c: var(--_error);
      }
      /* Its words sit on the baseline of the text around it; the dot is centred on them. */
      [part='badge'] {
        display: inline-flex;
        align-items: baseline;
        gap: 0.35em;
        padding: 0.1em 0.6em;
        border: 1px solid var(--_c);
        border-radius: 999px;
        color: var(--_c);
        font-size: 0.875em;
        line-height: 1.5;
      }
      [part='dot'] {
        align-self: center;
        flex: none;
        width: 0.55em;
        height: 0.55em;
        background: var(--_c);
        border-radius: 50%;
      }
      :host([state='cache']) [part='dot'],
      :host([state='fallback']) [part='dot'] {
        border-radius: 1px;
      }
      :host([state='offline']) [part='dot'],
      :host([state='error']) [part='dot'],
      :host([state='retrying']) [part='dot'],
      :host([state='reconnecting']) [part='dot'],
      :host([state='stale']) [part='dot'] {
        background: transparent;
        border: 2px solid var(--_c);
        box-sizing: border-box;
      }
      :host([state='live'][connection='streaming']) [part='dot'] {
        animation: pulse 2s ease-in-out infinite;
      }
      [part='age'],
      [part='when'] {
        font-variant-numeric: tabular-nums;
      }
      [part='when']::before {
        content: '· ';
      }
      @keyframes pulse {
        50% {
          opacity: 0.35;
        }
      }
    `,
  ];

  static override properties: LightProperties = {
    state: { reflect: true },
    origin: { reflect: true },
    connection: { reflect: true },
  };

  /** Reflected, read-only: `loading`, `live`, `stale`, `cache`, `fallback`, `offline`, `error`, `retrying` or `reconnecting`. */
  declare state: BadgeState;
  /** Reflected, read-only: where the data comes from (`live`, `server-cache`, `cache`, `fallback`, `none`). */
  declare origin: SourceOrigin;
  /** Reflected, read-only: the source's connection (`streaming`, `connecting`, `reconnecting`, `polling`, `offline`, `paused`, `idle`). */
  declare connection: SourceConnection;

  readonly #tick = new TickController(this);

  constructor() {
    super();
    this.state = 'loading';
    this.origin = 'none';
    this.connection = 'idle';
  }

  protected override willUpdate(changed: Changes): void {
    super.willUpdate(changed);
    this.state = badgeState(this.bound.state);
    this.origin = this.bound.state?.origin ?? 'none';
    this.connection = this.bound.state?.connection ?? 'idle';
  }

  protected override render() {
    const s = this.bound.state;
    const updatedAt = s?.updatedAt ?? null;
    // Cached data says how old it is; a retry says when.
    const age = this.state === 'cache' && updatedAt !== null ? this.#tick.ago(updatedAt, this.locale, 'narrow') : '';
    const retryAt = s?.retryAt ?? null;
    const when =
      retryAt !== null && (this.state === 'retrying' || this.state === 'error' || this.state === 'reconnecting' || this.state === 'offline')
        ? this.t('badge.at', { time: timeFormat(this.locale).format(retryAt) })
        : '';
    // A cache's name is the server's word; this browser's (its service worker) is ours.
    const servedBy = s?.servedBy === 'browser' ? this.t('badge.browser') : (s?.servedBy ?? '');
    const key =
      this.state === 'live' && this.connection === 'streaming'
        ? 'badge.streaming.hint'
        : this.state !== 'cache' || this.origin !== 'server-cache'
          ? (`badge.${this.state}.hint` as const)
          : servedBy
            ? 'badge.server-cache.named.hint'
            : 'badge.server-cache.hint';
    // Only the hints that say how long (stale, a named cache's copy) ask the ticker for it.
    const since =
      (key === 'badge.stale.hint' || key === 'badge.server-cache.named.hint') && updatedAt !== null ? this.#tick.duration(updatedAt, this.locale) : '';
    const hint = this.t(key, { time: age, age: since, cache: servedBy });
    // Only the words live in the status region: a ticking age must not be read out every second.
    return html`<span part="badge" title=${hint}
      ><span part="dot" aria-hidden="true"></span><span role="status"><span part="label">${badgeLabel((key) => this.t(key), this.state, this.origin, s?.error?.kind)}</span></span
      >${age ? html` <span part="age" aria-hidden="true">${age}</span>` : nothing}${when ? html` <span part="when">${when}</span>` : nothing}<span
        class="sr-only"
        >: ${hint}</span
      ></span
    >`;
  }
}

define('live-source-badge', LiveSourceBadge);

declare global {
  interface HTMLElementTagNameMap {
    'live-source-badge': LiveSourceBadge;
  }
}
