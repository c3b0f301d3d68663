import { css, html, nothing, type PropertyValues } from 'lit';
import { define } from './define.js';
import { LiveElement } from './live-element.js';
import { TickController } from './tick-controller.js';
import { words } from './strings.js';
import type { SourceConnection, SourceState } from '../data/source.js';

/** The words this element shows: replace them with its `strings` property or `configure({ strings })`. */
export const badgeWords = words({
  'badge.loading': 'Loading',
  'badge.live': 'Live',
  'badge.cache': 'Cached',
  'badge.fallback': 'Fallback',
  'badge.offline': 'Offline',
  'badge.error': 'Error',
  'badge.loading.hint': 'Loading data from the server.',
  'badge.live.hint': 'Live data from the server.',
  'badge.streaming.hint': 'Live data, pushed by the server as it changes.',
  'badge.cache.hint': 'Data saved on this device {time}; the server has not confirmed it yet.',
  'badge.fallback.hint': 'Placeholder data; the server has not answered yet.',
  'badge.offline.hint': 'The server cannot be reached; showing the last data received.',
  'badge.error.hint': 'The last update failed; showing the last data received.',
});

export type BadgeState = 'loading' | 'live' | 'cache' | 'fallback' | 'offline' | 'error';

/** What a person should believe about the data on screen. */
export function badgeState(state: SourceState | undefined, online = navigator.onLine): BadgeState {
  if (!state) return 'loading';
  if (state.error?.kind === 'network' || (!online && state.error)) return 'offline';
  if (state.error) return 'error';
  if (state.data === undefined || state.origin === 'none') return 'loading';
  return state.origin;
}

/**
 * @tag live-source-badge
 * @summary Shows where the data on screen comes from: live, cached, fallback, offline, error, loading.
 * @csspart badge - The whole badge.
 * @csspart dot - The coloured dot (shape differs per state, so colour is never alone).
 * @csspart label - The word.
 * @csspart age - How old cached data is.
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
      :host([state='error']) {
        --_c: var(--_error);
      }
      [part='badge'] {
        display: inline-flex;
        align-items: center;
        gap: 0.35em;
        padding: 0.1em 0.6em;
        border: 1px solid var(--_c);
        border-radius: 999px;
        color: var(--_c);
        font-size: 0.875em;
        line-height: 1.5;
      }
      [part='dot'] {
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
      :host([state='error']) [part='dot'] {
        background: transparent;
        border: 2px solid var(--_c);
        box-sizing: border-box;
      }
      :host([state='live'][connection='streaming']) [part='dot'] {
        animation: pulse 2s ease-in-out infinite;
      }
      [part='age'] {
        font-variant-numeric: tabular-nums;
      }
      @keyframes pulse {
        50% {
          opacity: 0.35;
        }
      }
    `,
  ];

  static override properties = {
    state: { reflect: true },
    connection: { reflect: true },
  };

  /** Reflected, read-only: loading, live, cache, fallback, offline or error. */
  declare state: BadgeState;
  /** Reflected, read-only: the source's connection (`streaming`, `polling`, `offline`, `paused`, `idle`). */
  declare connection: SourceConnection;

  readonly #tick = new TickController(this);

  constructor() {
    super();
    this.state = 'loading';
    this.connection = 'idle';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.state = badgeState(this.bound.state);
    this.connection = this.bound.state?.connection ?? 'idle';
  }

  protected override render() {
    const updatedAt = this.bound.state?.updatedAt;
    // Cached data says how old it is, in the label and the explanation.
    const age = this.state === 'cache' && updatedAt ? this.#tick.ago(updatedAt, this.locale, 'narrow') : '';
    const key = this.state === 'live' && this.connection === 'streaming' ? 'badge.streaming.hint' : (`badge.${this.state}.hint` as const);
    const hint = this.t(key, { time: age });
    return html`<span part="badge" role="status" title=${hint}
      ><span part="dot" aria-hidden="true"></span><span part="label">${this.t(`badge.${this.state}`)}</span
      >${age ? html` <span part="age" aria-hidden="true">${age}</span>` : nothing}<span class="sr-only">: ${hint}</span></span
    >`;
  }
}

define('live-source-badge', LiveSourceBadge);

declare global {
  interface HTMLElementTagNameMap {
    'live-source-badge': LiveSourceBadge;
  }
}
