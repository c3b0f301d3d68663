import { css } from './host-css.js';
import { html } from 'lit-html';
import type { Changes, LightProperties } from './light-element.js';
import { define } from './define.js';
import { LiveElement } from './live-element.js';
import { formatSpan } from './span.js';
import { logOnce } from '../log-once.js';
import { words } from './strings.js';
import { autoRefreshWords } from './words/auto-refresh.js';
import { parseDuration } from '../data/duration.js';
import type { Source } from '../data/source.js';
import type { LiveAutoRefreshDetail } from './events.js';

words(autoRefreshWords);

export type AutoRefreshState = 'live' | 'paused' | 'hidden';

export type { LiveAutoRefreshDetail };

const DEFAULT_INTERVALS = '15s 30s 1m 5m';
const KEY = 'live-widgets:auto-refresh:';

/** Storage that may be refused (private modes, policies): reads nothing and writes nothing then. */
const storage = {
  read(name: string): { enabled: boolean; interval: number } | undefined {
    try {
      const saved = JSON.parse(localStorage.getItem(KEY + name) ?? 'null');
      if (typeof saved?.enabled === 'boolean' && Number.isFinite(saved?.interval) && saved.interval > 0) return saved;
    } catch {
      /* refused or unreadable: nothing remembered */
    }
    return undefined;
  },
  write(name: string, value: { enabled: boolean; interval: number }): void {
    try {
      localStorage.setItem(KEY + name, JSON.stringify(value));
    } catch {
      /* refused: the choice holds for this page only */
    }
  },
};

/**
 * @tag live-auto-refresh
 * @summary Lets a user turn a source's auto-refresh on or off and pick how often it polls.
 * @fires {CustomEvent<LiveAutoRefreshDetail>} live-auto-refresh - The user changed the setting. Detail: `{ source, enabled, interval }`.
 * @csspart toggle - The on/off switch.
 * @csspart interval - The interval choice.
 * @csspart status - Live, paused, or paused while the page is hidden.
 */
export class LiveAutoRefresh extends LiveElement {
  static override styles = [
    LiveElement.styles,
    css`
      :host {
        display: inline-flex;
        align-items: center;
        gap: var(--_gap);
        flex-wrap: wrap;
      }
      label {
        display: inline-flex;
        align-items: center;
        gap: 0.35em;
      }
      select,
      input {
        font: inherit;
        accent-color: var(--_live);
      }
      /* Targets of at least 24 × 24 px (WCAG 2.2, 2.5.8). */
      select {
        min-height: 24px;
      }
      input[type='checkbox'] {
        width: 24px;
        height: 24px;
        margin: 0;
      }
      select:focus-visible,
      input:focus-visible {
        outline: 2px solid var(--_focus);
        outline-offset: 2px;
      }
      [part='status'] {
        color: var(--_muted);
      }
      :host([state='live']) [part='status'] {
        color: var(--_live);
      }
    `,
  ];

  static override properties: LightProperties = {
    intervals: {},
    state: { reflect: true },
  };

  /** The choices, as durations separated by spaces. Default `15s 30s 1m 5m`. */
  declare intervals: string | null;
  /** Reflected, read-only: `live`, `paused` (by the user) or `hidden` (the page is). */
  declare state: AutoRefreshState;
  #enabled = false;
  #interval = 0;
  #choices: number[] = [];
  #appliedTo: Source<unknown> | undefined;

  constructor() {
    super();
    this.intervals = null;
    this.state = 'paused';
  }

  protected override willUpdate(changed: Changes): void {
    super.willUpdate(changed);
    if (changed.has('intervals') || !this.#choices.length) this.#choices = this.#readIntervals();
    const source = this.bound.source;
    if (source && source !== this.#appliedTo) this.#adopt(source);
    const hidden = this.bound.state?.connection === 'paused';
    this.state = !this.#enabled ? 'paused' : hidden ? 'hidden' : 'live';
  }

  #readIntervals(): number[] {
    const list: number[] = [];
    for (const token of (this.intervals ?? DEFAULT_INTERVALS).split(/[\s,]+/).filter(Boolean)) {
      try {
        const ms = parseDuration(token, 'intervals');
        if (ms > 0) list.push(ms);
      } catch (e) {
        logOnce(`<live-auto-refresh>: ${(e as Error).message}; leaving it out`);
      }
    }
    return list.length ? [...new Set(list)].sort((a, b) => a - b) : this.#readDefault();
  }

  #readDefault(): number[] {
    return DEFAULT_INTERVALS.split(' ').map((t) => parseDuration(t, 'intervals'));
  }

  /** Takes the remembered choice, else what the source already does, and applies it. */
  #adopt(source: Source<unknown>): void {
    this.#appliedTo = source;
    const saved = storage.read(source.name);
    const poll = source.options.poll;
    this.#enabled = saved ? saved.enabled : poll > 0;
    this.#interval = saved?.interval ?? (poll > 0 ? poll : this.#choices[0]);
    if (!this.#choices.includes(this.#interval)) this.#choices = [...this.#choices, this.#interval].sort((a, b) => a - b);
    if (saved) this.#apply(false);
  }

  #apply(remember: boolean): void {
    const source = this.bound.source;
    if (!source) return;
    source.configure({ poll: this.#enabled ? this.#interval : 0 });
    if (!remember) return;
    storage.write(source.name, { enabled: this.#enabled, interval: this.#interval });
    const detail: LiveAutoRefreshDetail = { source: source.name, enabled: this.#enabled, interval: this.#interval };
    this.emit_('live-auto-refresh', detail);
  }

  #onToggle(e: Event): void {
    this.#enabled = (e.target as HTMLInputElement).checked;
    this.#apply(true);
    this.requestUpdate();
  }

  #onInterval(e: Event): void {
    this.#interval = Number((e.target as HTMLSelectElement).value);
    this.#enabled = true;
    this.#apply(true);
    this.requestUpdate();
  }

  /** The status in words, true beside the badge: paused polling on a source the server still pushes to is not "Paused". */
  #statusKey(): `autoRefresh.${'live' | 'paused' | 'hidden' | 'pushed'}` {
    if (this.state === 'paused' && this.bound.state?.connection === 'streaming') return 'autoRefresh.pushed';
    return `autoRefresh.${this.state}`;
  }

  protected override render() {
    const disabled = !this.bound.source;
    return html`<label
        ><input part="toggle" type="checkbox" role="switch" .checked=${this.#enabled} ?disabled=${disabled} @change=${this.#onToggle} />${this.t(
          'autoRefresh',
        )}</label
      >
      <select part="interval" aria-label=${this.t('autoRefreshEvery')} ?disabled=${disabled} @change=${this.#onInterval}>
        ${this.#choices.map((ms) => html`<option value=${ms} ?selected=${ms === this.#interval}>${formatSpan(this.locale, ms, 'short')}</option>`)}
      </select>
      <span part="status" role="status">${this.t(this.#statusKey())}</span>`;
  }
}

define('live-auto-refresh', LiveAutoRefresh);

declare global {
  interface HTMLElementTagNameMap {
    'live-auto-refresh': LiveAutoRefresh;
  }
}
