import type { LiveThresholdDetail } from './events.js';
import type { LightElement } from './light-element.js';
import type { StringKey } from './strings.js';
import { valueChangeWords } from './words/value-change.js';

/** Marks a style sheet for the build's tidying (as host-css.ts does): nothing imported, so a bundler keeps this part apart. */
const css = String.raw;

/**
 * `<live-value change>`, `above` and `below`, loaded only where a value asks for them: the change
 * since the last value (an arrow, and for a screen reader the word: "up 12"), and a value that
 * crosses a limit the page set, said once per crossing (politely) with a `live-threshold` event.
 */

/** What this needs of `<live-value>`: its options, its words (the element's own, then the page's) and its language. */
export interface Value extends LightElement {
  source: string | null;
  path: string | null;
  format: string | null;
  currency: string | null;
  t(key: StringKey, vars?: Record<string, string | number>): string;
  readonly locale: string;
}

type Side = LiveThresholdDetail['side'];

const SHEET = css`
  [part~='change'] {
    margin-inline-start: 0.3em;
    font-size: 0.85em;
    color: var(--live-color-muted, light-dark(#57606a, #9198a1));
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
let sheet: CSSStyleSheet | undefined;

/** Each value's last number and side of its limits. */
const seen = new WeakMap<Value, { last: number; change: number; side: Side }>();

/** A span of the element's shadow root, made once, after the value. */
function span(root: ShadowRoot, part: string, make: (el: HTMLSpanElement) => void): HTMLSpanElement {
  let el = root.querySelector<HTMLSpanElement>(`[part~='${part}']`);
  if (!el) {
    el = document.createElement('span');
    el.setAttribute('part', part);
    make(el);
    root.append(el);
  }
  return el;
}

const limitOf = (el: Value, name: string) => {
  const raw = el.getAttribute(name);
  const n = raw === null || raw.trim() === '' ? NaN : Number(raw);
  return Number.isFinite(n) ? n : null;
};

/** Shows the change since the last number, and says a crossed limit; does nothing for a value that is not a number. */
export function follow(el: Value, value: unknown): void {
  const root = el.shadowRoot;
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!root || !Number.isFinite(n)) return;
  if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(SHEET);
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  const locale = el.locale;
  // The page's words, else ours in English (this part registers none: it shares no module with the page's).
  const say = (key: keyof typeof valueChangeWords, vars: Record<string, string | number>) =>
    el.t(key, vars) || valueChangeWords[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name]));
  const options: Intl.NumberFormatOptions =
    el.format === 'percent'
      ? { style: 'percent', maximumFractionDigits: 1 }
      : el.format === 'currency'
        ? { style: 'currency', currency: el.currency || 'USD' }
        : el.format === 'compact'
          ? { notation: 'compact' }
          : { maximumFractionDigits: 2 };
  const format = (x: number, sign: 'never' | 'auto' = 'auto') => {
    try {
      return new Intl.NumberFormat(locale, { ...options, signDisplay: sign }).format(x);
    } catch {
      return String(x);
    }
  };

  const before = seen.get(el);
  const above = limitOf(el, 'above');
  const below = limitOf(el, 'below');
  const side: Side = above !== null && n > above ? 'above' : below !== null && n < below ? 'below' : 'within';
  const change = before && n !== before.last ? n - before.last : (before?.change ?? 0);
  seen.set(el, { last: n, change, side });

  if (el.hasAttribute('change')) {
    const shown = span(root, 'change', () => {});
    const way = change > 0 ? 'up' : change < 0 ? 'down' : '';
    const words = way ? `${way === 'up' ? '▲' : '▼'} ${format(Math.abs(change), 'never')}` : '';
    if (shown.dataset.words !== words) {
      shown.dataset.words = words;
      shown.dataset.way = way;
      // The arrow for the eye, the word for a screen reader: never a direction told by a symbol alone.
      shown.replaceChildren();
      if (way) {
        const seen = document.createElement('span');
        seen.setAttribute('aria-hidden', 'true');
        seen.textContent = words;
        const heard = document.createElement('span');
        heard.className = 'sr-only';
        heard.textContent = ` ${say(`value.${way}`, { change: format(Math.abs(change), 'never') })}`;
        shown.append(seen, heard);
      }
    }
  }

  if (above === null && below === null) return;
  let made = false;
  const status = span(root, 'status', (s) => {
    s.className = 'sr-only';
    s.setAttribute('role', 'status');
    made = true;
  });
  // Said once per crossing: a first value inside its limits is not news.
  if (side === (before?.side ?? 'within')) return;
  const limit = side === 'above' ? above! : side === 'below' ? below! : null;
  const detail: LiveThresholdDetail = { source: el.source, path: el.path, value: n, side, limit };
  if (!el.dispatchEvent(new CustomEvent('live-threshold', { detail, bubbles: true, composed: true, cancelable: true }))) return;
  const sentence = say(`value.${side}`, { value: format(n), limit: limit === null ? '' : format(limit) });
  // A live region made now is not yet heard: its first sentence comes a moment later.
  if (made) setTimeout(() => (status.textContent = sentence), 100);
  else status.textContent = sentence;
}
