/**
 * RFC 9211 `Cache-Status`: which caches handled an answer, from the origin's end of the list to
 * the user's. Loaded only when an answer carries the header (a page whose API sends none does not
 * download this parser).
 */

/** One member of the list: a cache's name and what it says it did. */
export interface CacheHop {
  name: string;
  hit: boolean;
  /** Remaining freshness in s (negative: it served a stale copy). */
  ttl?: number | undefined;
  /** Why it forwarded the request, when it did. */
  fwd?: string | undefined;
}

type Bare = string | number | boolean | symbol;

// RFC 8941's bare items: a decimal, an integer, a string, a token, a byte sequence, a boolean.
const BARE = /-?(?:\d{1,12}\.\d{1,3}|\d{1,15})(?![\d.])|"(?:[ !#-[\]-~]|\\["\\])*"|[A-Za-z*][\w!#$%&'*+.^`|~:/-]*|:[A-Za-z\d+/=]*:|\?[01]/.source;
const PARAM = `; *([a-z*][a-z\\d_.*-]*)(?:=(${BARE}))?`;
const PARAMS = `(?:${PARAM.replace(/\((?!\?)/g, '(?:')})*`;
// An inner list's items are apart by spaces: nothing may read one token as two.
const INNER = `\\( *(?:(?:${BARE})${PARAMS}(?: +(?:${BARE})${PARAMS})*)? *\\)`;
/** A member (a bare item or an inner list) with its parameters, then `,` or the end. */
const MEMBER = new RegExp(`[ \\t]*(${BARE}|${INNER})(${PARAMS})[ \\t]*(,(?=[ \\t]*[^ \\t])|$)`, 'y');

const item = (text: string): Bare =>
  text[0] === '"'
    ? text.slice(1, -1).replace(/\\(.)/g, '$1')
    : text[0] === '?'
      ? text[1] === '1'
      : text[0] === ':'
        ? Symbol(text)
        : /^[\d-]/.test(text)
          ? Number(text)
          : text;

/**
 * Parses a Structured Field list (RFC 8941 §4.2.1) into its members: each a bare item (undefined
 * for an inner list) and its parameters. Any syntax error fails the whole field, as the RFC says:
 * undefined, never a throw.
 */
export function parseList(field: string): { item: Bare | undefined; params: Map<string, Bare> }[] | undefined {
  const text = field.trim();
  const members = [];
  MEMBER.lastIndex = 0;
  while (MEMBER.lastIndex < text.length) {
    const m = MEMBER.exec(text);
    if (!m) return undefined;
    const params = new Map<string, Bare>();
    for (const [, key, value] of m[2]!.matchAll(new RegExp(PARAM, 'g'))) params.set(key!, value === undefined ? true : item(value));
    members.push({ item: m[1]![0] === '(' ? undefined : item(m[1]!), params });
  }
  return members;
}

/** The caches a `Cache-Status` value names, from the origin's end to the user's; [] when it is not a valid list. */
export function cacheHops(field: string): CacheHop[] {
  return (parseList(field) ?? []).flatMap(({ item, params }) => {
    // A cache's name is a String or a Token; a member that is something else names no cache.
    if (typeof item !== 'string') return [];
    const ttl = params.get('ttl');
    const fwd = params.get('fwd');
    return [
      {
        name: item,
        hit: params.get('hit') === true,
        ttl: typeof ttl === 'number' ? Math.trunc(ttl) : undefined,
        fwd: typeof fwd === 'string' ? fwd : undefined,
      },
    ];
  });
}

/** The cache that served an answer: the one nearest the user that says `hit` (a hit further up was reused by those below it). */
export function servingCache(field: string): CacheHop | undefined {
  return cacheHops(field)
    .reverse()
    .find((hop) => hop.hit);
}
