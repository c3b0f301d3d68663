import { css } from './host-css.js';
import { define } from './define.js';
import type { LightProperties } from './light-element.js';
import { logOnce } from '../log-once.js';
import { DEV } from '../dev.js';
import { LiveText, type TextView } from './live-text.js';
import { numberFormat } from './locale.js';
import { valueAt } from './path.js';
import { words } from './strings.js';
import { valueWords } from './words/value.js';
import type { Value } from './value-change.js';

words(valueWords);

export type ValueFormat = 'number' | 'percent' | 'compact' | 'currency' | 'text';
const FORMATS: readonly string[] = ['number', 'percent', 'compact', 'currency', 'text'];

/**
 * A live number or text from a source, so a page shows data without writing a script.
 *
 * @tag live-value
 * @summary One value of a source's data, formatted for the page's language.
 * @attr {boolean} change - Shows the change since the last value: an arrow and the difference, and for a screen reader "up 12" (loaded when used).
 * @attr {number} above - Says once, politely, when the value goes above this, and fires `live-threshold` (loaded when used).
 * @attr {number} below - The same, below this.
 * @fires {CustomEvent<LiveThresholdDetail>} live-threshold - With `above` or `below`: the value crossed one, or came back within them. Cancelable: cancelled, nothing is said. Detail: `{ source, path, value, side, limit }`.
 * @csspart value - The text.
 * @csspart placeholder - Shown while there is no value.
 * @csspart change - The change since the last value (with `change`).
 * @cssprop --live-color-flash - Background flashed when the value changes.
 */
export class LiveValue extends LiveText {
  static override css = css`
      :host {
        display: inline;
        font-variant-numeric: tabular-nums;
      }
      /* Two names for one flash, alternated, restart it on every change without a reflow. */
      .a {
        animation: flash-a 1s ease-out;
      }
      .b {
        animation: flash-b 1s ease-out;
      }
      @keyframes flash-a {
        from {
          background: var(--live-color-flash, light-dark(#fff8c5, #4b3f00));
        }
      }
      @keyframes flash-b {
        from {
          background: var(--live-color-flash, light-dark(#fff8c5, #4b3f00));
        }
      }
    `;

  static override properties: LightProperties = {
    path: {},
    format: {},
    currency: {},
    placeholder: {},
  };

  /** Dot path into the data (`totals.visitors`); empty for the data itself. */
  declare path: string | null;
  /** `number`, `percent`, `compact`, `currency` (with `currency`) or `text`; default: number for numbers, else text. */
  declare format: ValueFormat | null;
  /** ISO 4217 code for `format="currency"`, e.g. `EUR`. */
  declare currency: string | null;
  /** Shown while there is no value; default "—". */
  declare placeholder: string | null;

  #text: string | undefined;
  #flash: '' | 'a' | 'b' = '';

  constructor() {
    super();
    this.path = this.format = this.currency = this.placeholder = null;
  }

  #formatted(value: unknown): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'object') return undefined;
    let format = this.format ?? (typeof value === 'number' ? 'number' : 'text');
    if (!FORMATS.includes(format)) {
      // The production message names the option and the value, as a bad option's does (invalid.ts).
      logOnce(
        DEV
          ? `<live-value>: "format" must be one of ${FORMATS.join(', ')}; got ${JSON.stringify(format)}; showing a number`
          : `live-widgets: "format" is not valid: ${format}`,
      );
      format = 'number';
    }
    const n = typeof value === 'number' ? value : Number(value);
    if (format === 'text' || typeof value === 'boolean' || Number.isNaN(n)) return String(value);
    const options: Intl.NumberFormatOptions =
      format === 'percent'
        ? { style: 'percent', maximumFractionDigits: 1 }
        : format === 'compact'
          ? { notation: 'compact' }
          : format === 'currency'
            ? { style: 'currency', currency: this.currency || 'USD' }
            : {};
    try {
      return numberFormat(this.locale, options).format(n);
    } catch (e) {
      logOnce(DEV ? `<live-value>: ${(e as Error).message}; showing a plain number` : String(e));
      return numberFormat(this.locale).format(n);
    }
  }

  protected override view(): TextView {
    const value = valueAt(this.bound.state?.data, this.path);
    const next = this.#formatted(value);
    // The change since the last value and the limits: a part of their own, loaded where a value asks.
    if (this.matches?.('[change],[above],[below]')) void import('./value-change.js').then((m) => m.follow(this as unknown as Value, value));
    // Two names for one flash, alternated: each new value flashes again.
    if (this.#text !== undefined && next !== undefined && next !== this.#text) this.#flash = this.#flash === 'a' ? 'b' : 'a';
    this.#text = next;
    return next === undefined
      ? { part: 'placeholder', className: '', text: this.placeholder ?? this.t('placeholder') }
      : { part: 'value', className: this.#flash, text: next };
  }
}

define('live-value', LiveValue);

declare global {
  interface HTMLElementTagNameMap {
    'live-value': LiveValue;
  }
}
