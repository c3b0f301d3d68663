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
const KEY = /^[a-z*][a-z0-9_\-.*]*/;
const TOKEN = /^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*/;
const NUMBER = /^-?\d+(\.\d+)?/;
const BINARY = /^:[A-Za-z0-9+/=]*:/;

/**
 * Parses a Structured Field list (RFC 8941 §4.2.1) into its members, each a bare item and its
 * parameters; inner lists keep their parameters only. Any syntax error fails the whole field, as
 * the RFC says: undefined, never a throw.
 */
export function parseList(field: string): { item: Bare | undefined; params: Map<string, Bare> }[] | undefined {
  let s = field.trim();
  const take = (re: RegExp) => {
    const m = re.exec(s);
    if (!m) return undefined;
    s = s.slice(m[0].length);
    return m[0];
  };
  const bare = (): Bare => {
    let t: string | undefined;
    if (s[0] === '"') {
      let out = '';
      for (let i = 1; i < s.length; i++) {
        let c = s[i]!;
        if (c === '"') {
          s = s.slice(i + 1);
          return out;
        }
        // Only `\"` and `\\` escape; the rest must be printable ASCII.
        if (c === '\\' && ((c = s[++i] ?? ''), c !== '"' && c !== '\\')) break;
        if (c < ' ' || c > '~') break;
        out += c;
      }
      throw s;
    }
    if (s[0] === '?' && (s[1] === '0' || s[1] === '1')) {
      const b = s[1] === '1';
      s = s.slice(2);
      return b;
    }
    if ((t = take(NUMBER)) !== undefined) {
      const [whole, fraction] = t.replace('-', '').split('.');
      if (fraction !== undefined ? whole!.length > 12 || fraction.length > 3 : whole!.length > 15) throw s;
      return Number(t);
    }
    if ((t = take(BINARY)) !== undefined) return Symbol(t);
    if ((t = take(TOKEN)) !== undefined) return t;
    throw s;
  };
  const params = () => {
    const map = new Map<string, Bare>();
    while (s[0] === ';') {
      s = s.slice(1).replace(/^ +/, '');
      const key = take(KEY);
      if (key === undefined) throw s;
      map.set(key, s[0] === '=' ? ((s = s.slice(1)), bare()) : true);
    }
    return map;
  };
  const members = [];
  try {
    while (s) {
      let item: Bare | undefined;
      if (s[0] === '(') {
        s = s.slice(1);
        for (;;) {
          s = s.replace(/^ +/, '');
          if (s[0] === ')') break;
          bare();
          params();
          if (s[0] !== ' ' && s[0] !== ')') throw s;
        }
        s = s.slice(1);
      } else item = bare();
      members.push({ item, params: params() });
      s = s.replace(/^[ \t]+/, '');
      if (!s) break;
      if (s[0] !== ',') throw s;
      s = s.slice(1).replace(/^[ \t]+/, '');
      if (!s) throw s;
    }
  } catch {
    return undefined;
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
