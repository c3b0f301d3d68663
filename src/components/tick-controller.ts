import type { ReactiveController, ReactiveControllerHost } from './light-element.js';
import { numberFormat, relativeTimeFormat } from './locale.js';
import { countdownParts, relativeParts } from './relative-time.js';
import { schedule } from '../data/ticker.js';

/**
 * Re-renders its host exactly when a time it shows changes, through the page's one ticker.
 * During an update the host asks for the moments it cares about; the earliest one is planned.
 */
export class TickController implements ReactiveController {
  #next = Infinity;
  #cancel = () => {};

  constructor(private readonly host: ReactiveControllerHost & { isConnected: boolean }) {
    host.addController(this);
  }

  hostUpdated(): void {
    this.#cancel();
    this.#cancel = () => {};
    if (this.#next !== Infinity && this.host.isConnected) this.#cancel = schedule(this.#next, () => this.host.requestUpdate());
    this.#next = Infinity;
  }

  hostDisconnected(): void {
    this.#cancel();
    this.#cancel = () => {};
  }

  /** Re-render at `at` (ms epoch). */
  wakeAt(at: number): void {
    if (at < this.#next) this.#next = at;
  }

  /** "12 seconds ago" for a moment, re-rendering when the words change. */
  ago(from: number, locale: string, style: Intl.RelativeTimeFormatStyle = 'long'): string {
    const { value, unit, next } = relativeParts(from, Date.now());
    this.wakeAt(next);
    return relativeTimeFormat(locale, style).format(-value, unit);
  }

  /** "in 3 minutes" until a moment, re-rendering when the words change. */
  until(to: number, locale: string, style: Intl.RelativeTimeFormatStyle = 'long'): string {
    const { value, unit, next } = countdownParts(to, Date.now());
    this.wakeAt(next);
    return relativeTimeFormat(locale, style).format(value, unit);
  }

  /** "12 seconds" since a moment, re-rendering when the words change. */
  duration(from: number, locale: string): string {
    const { value, unit, next } = relativeParts(from, Date.now());
    this.wakeAt(next);
    return numberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
  }
}
