/**
 * The value of the closest ancestor's attribute `name`, across shadow roots, or null. Read by
 * node type, not `instanceof`, so that a server render (no `Element`, no `ShadowRoot`) can run it.
 */
export function closestAttribute(el: Element, name: string): string | null {
  let node: Node | null | undefined = el;
  while (node) {
    if (node.nodeType === 1 && (node as Element).hasAttribute?.(name)) return (node as Element).getAttribute(name);
    node = node.parentNode ?? (node.nodeType === 11 ? (node as ShadowRoot).host : null);
  }
  return null;
}

/** The browser's language; on a server, none is known: English. */
const browserLanguage = () => globalThis.navigator?.language ?? 'en';

/** The language of the closest `[lang]`, else the browser's. */
export function localeOf(el: Element): string {
  return closestAttribute(el, 'lang') || browserLanguage();
}

const cache = new Map<string, unknown>();

function cached<F>(kind: string, locale: string, options: object, make: (locale: string) => F): F {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as F | undefined;
  if (!f) {
    try {
      f = make(locale);
    } catch {
      // An invalid lang attribute must not break the page: fall back to the browser's language.
      f = make(browserLanguage());
    }
    cache.set(key, f);
  }
  return f;
}

export const numberFormat = (locale: string, options: Intl.NumberFormatOptions = {}) => cached('n', locale, options, (l) => new Intl.NumberFormat(l, options));

export const relativeTimeFormat = (locale: string, style: Intl.RelativeTimeFormatStyle = 'long') =>
  cached('r', locale, { style }, (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto', style }));

export const dateTimeFormat = (locale: string) => cached('d', locale, {}, (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'medium' }));

/** A time of day ("10:42:05"), for when something happens next. */
export const timeFormat = (locale: string) => cached('t', locale, {}, (l) => new Intl.DateTimeFormat(l, { timeStyle: 'medium' }));
