// Which cache answered, and how old its answer was: RFC 9211 `Cache-Status` read as an RFC 8941
// list (generated valid lists read back the same; any text at all never throws), and the server's
// clock that tells a kept copy by its `Date` alone.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { ageHeader, ServerClock, servedBy } from '../../src/data/age.js';
import { cacheHops, parseList, servingCache } from '../../src/data/cache-status.js';

const token = fc.stringMatching(/^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]{0,12}$/);
const printable = fc.stringMatching(/^[ -~]{0,16}$/);
const key = fc.stringMatching(/^[a-z*][a-z0-9_\-.*]{0,8}$/);
const sfString = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** A cache's member as a cache would send it, and what reading it must give. */
const hop = fc.record({
  name: fc.oneof(token, printable),
  quoted: fc.boolean(),
  hit: fc.boolean(),
  ttl: fc.option(fc.integer({ min: -999_999, max: 999_999 }), { nil: undefined }),
  fwd: fc.option(fc.constantFrom('uri-miss', 'vary-miss', 'miss', 'request', 'stale', 'bypass', 'method'), { nil: undefined }),
  stored: fc.boolean(),
  extra: fc.option(fc.tuple(key, fc.oneof(fc.integer(), fc.boolean(), printable)), { nil: undefined }),
});
type Hop = typeof hop extends fc.Arbitrary<infer H> ? H : never;

function serialise(h: Hop): string {
  // A name that is not a token must be a string.
  const quoted = h.quoted || !/^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*$/.test(h.name);
  let out = quoted ? sfString(h.name) : h.name;
  if (h.hit) out += '; hit';
  if (h.fwd) out += `; fwd=${h.fwd}`;
  if (h.ttl !== undefined) out += `; ttl=${h.ttl}`;
  if (h.stored) out += ';stored';
  if (h.extra && !['hit', 'fwd', 'ttl', 'stored'].includes(h.extra[0])) {
    const [k, v] = h.extra;
    out += typeof v === 'boolean' ? (v ? `; ${k}` : `; ${k}=?0`) : `; ${k}=${typeof v === 'number' ? v : sfString(v)}`;
  }
  return out;
}

describe('Cache-Status (RFC 9211, read as an RFC 8941 list)', () => {
  it('reads back every valid list a chain of caches may send, in order from the origin to the user', () => {
    fc.assert(
      fc.property(fc.array(hop, { minLength: 1, maxLength: 4 }), fc.constantFrom(', ', ',', ' ,  '), (hops, comma) => {
        const read = cacheHops(hops.map(serialise).join(comma));
        expect(read).to.deep.equal(hops.map((h) => ({ name: h.name, hit: h.hit, ttl: h.ttl, fwd: h.fwd })));
        const served = [...hops].reverse().find((h) => h.hit);
        expect(servingCache(hops.map(serialise).join(comma))?.name).to.equal(served?.name);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws, whatever the text: a field it cannot read names no cache', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[ -~;,="?()\\:*-]{0,40}$/)), (text) => {
        const list = parseList(text);
        expect(list === undefined || Array.isArray(list)).to.equal(true);
        cacheHops(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads the RFC’s own examples', () => {
    expect(servingCache('ExampleCache; hit; ttl=376')).to.deep.equal({ name: 'ExampleCache', hit: true, ttl: 376, fwd: undefined });
    expect(servingCache('ExampleCache; hit; ttl=-412')?.ttl).to.equal(-412);
    expect(servingCache('ExampleCache; fwd=stale; fwd-status=304')).to.equal(undefined);
    expect(servingCache('ExampleCache; fwd=uri-miss; collapsed=?0')).to.equal(undefined);
    // Two layers: the CDN reused what the origin's cache had served it.
    expect(servingCache('OriginCache; hit; ttl=1100, "CDN Company Here"; hit; ttl=545')?.name).to.equal('CDN Company Here');
    // Three layers sent as three header lines, which fetch joins with ", ".
    const three = 'ReverseProxyCache; hit, ForwardProxyCache; fwd=uri-miss; collapsed; stored, BrowserCache; fwd=uri-miss';
    expect(cacheHops(three).map((h) => h.name)).to.deep.equal(['ReverseProxyCache', 'ForwardProxyCache', 'BrowserCache']);
    expect(servingCache(three)?.name).to.equal('ReverseProxyCache');
  });

  it('ignores what is not valid: a broken field whole, a member that names no cache alone', () => {
    for (const bad of [
      'Varnish; hit=',
      '"unterminated; hit',
      'Varnish; hit,',
      'Varnish;; hit',
      'Varnish; HIT',
      'Varnish hit',
      '',
      ', Varnish; hit',
      'Varnish; ttl=1.2345',
    ])
      expect(servingCache(bad), bad).to.equal(undefined);
    // An integer is a valid member but names no cache; `hit=?0` is no hit.
    expect(servingCache('42; hit, Edge; fwd=miss')).to.equal(undefined);
    expect(servingCache('Edge; hit=?0')).to.equal(undefined);
    expect(servingCache('Edge; hit=?1; detail=stale')?.name).to.equal('Edge');
    expect(servingCache('("a" b); hit, Edge; hit')?.name).to.equal('Edge');
    // Inner lists as the RFC has them: items apart by spaces. Read otherwise, `(aaaa…` without its
    // end once took seconds (one token read as many ways as it can be cut), on every answer.
    for (const bad of [
      '(1a), Edge; hit',
      '("a""b"), Edge; hit',
      '(?1?0), Edge; hit',
      'Edge;\thit',
      'Edge; key=:a_b:',
      `(${'a'.repeat(40)}`,
      `(${'a '.repeat(40)}`,
    ])
      expect(parseList(bad), bad).to.equal(undefined);
  });
});

describe('who served an answer, by its headers', () => {
  const headers = (h: Record<string, string>) => new Headers(h);

  it('names the cache Cache-Status names, else says "a cache" for an Age or the host’s marker, else nothing', async () => {
    expect(await servedBy(headers({ 'cache-status': 'Varnish; hit; ttl=3', age: '4' }), undefined)).to.equal('Varnish');
    expect(await servedBy(headers({ 'cache-status': 'Varnish; fwd=miss; stored', age: '0' }), undefined)).to.equal(null);
    expect(await servedBy(headers({ age: '4' }), undefined)).to.equal('');
    expect(await servedBy(headers({ 'x-cache': 'HIT from edge' }), { header: 'x-cache', token: 'hit' })).to.equal('');
    expect(await servedBy(headers({ 'cache-status': 'garbage;;', age: '0' }), undefined)).to.equal(null);
    expect(await servedBy(headers({}), undefined)).to.equal(null);
  });

  it('reads Age as RFC 9111 says: its first value, digits only, capped', () => {
    expect(ageHeader(headers({ age: '4' }))).to.equal(4000);
    expect(ageHeader(headers({ age: '5, 6' }))).to.equal(5000);
    expect(ageHeader(headers({ age: '1'.repeat(20) }))).to.equal(2 ** 31 * 1000);
    for (const bad of ['0x10', 'Infinity', '1e400', '-3', '4.5', '', 'soon']) expect(ageHeader(headers({ age: bad })), bad).to.equal(0);
  });
});

describe('the server’s clock, kept from first-hand answers only', () => {
  // `mono` counts from this test's start on both clocks, as the page's own answers would.
  let m0 = 0;
  let w0 = 0;
  const at = (serverNow: number, mono: number, extra: { age?: number; servedBy?: string | null; behind?: number } = {}) => ({
    received: w0 + mono,
    mono: m0 + mono,
    age: extra.age ?? 0,
    date: Math.floor((serverNow - (extra.behind ?? 0)) / 1000) * 1000,
    servedBy: extra.servedBy ?? null,
  });
  let controller: PropertyDescriptor | undefined;
  const withoutWorker = () => Object.defineProperty(navigator.serviceWorker, 'controller', { configurable: true, get: () => null });
  beforeEach(() => {
    m0 = performance.now() - 1000;
    w0 = Date.now() - 1000;
    controller = Object.getOwnPropertyDescriptor(navigator.serviceWorker, 'controller');
  });
  afterEach(() =>
    controller
      ? Object.defineProperty(navigator.serviceWorker, 'controller', controller)
      : delete (navigator.serviceWorker as { controller?: unknown }).controller,
  );

  it('takes an answer whose Date is far behind what it has seen first-hand for a kept copy, with that age', () => {
    withoutWorker();
    const clock = new ServerClock();
    const server = Date.now() + 3_600_000;
    expect(clock.judge(at(server, 1000))).to.deep.equal({ servedBy: null, age: 0 });
    expect(clock.offset()).to.be.within(3_599_000, 3_601_000);
    // Twelve seconds later, an answer made twelve seconds before, with no header to say so.
    const copy = clock.judge(at(server + 12_000, 13_000, { behind: 12_000 }));
    expect(copy.servedBy).to.equal('');
    expect(copy.age).to.be.within(11_000, 13_000);
    // The copy did not move the clock: a fresh first-hand answer is still first-hand and new.
    expect(clock.judge(at(server + 13_000, 14_000))).to.deep.equal({ servedBy: null, age: 0 });
    expect(clock.offset()).to.be.within(3_599_000, 3_601_000);
  });

  it('says "this browser" for such a copy when a service worker controls the page', () => {
    Object.defineProperty(navigator.serviceWorker, 'controller', { configurable: true, get: () => ({}) });
    const clock = new ServerClock();
    clock.judge(at(Date.now(), 1000));
    expect(clock.judge(at(Date.now() + 30_000, 31_000, { behind: 30_000 })).servedBy).to.equal('browser');
  });

  it('never learns from a cache’s answer, and ages it by the larger of Age and its Date', () => {
    const clock = new ServerClock();
    const server = Date.now();
    // A cache's answer first: named by its header, and the clock learns nothing from it.
    expect(clock.judge(at(server, 1000, { servedBy: 'Varnish', age: 30_000, behind: 30_000 }))).to.deep.equal({ servedBy: 'Varnish', age: 30_000 });
    expect(clock.judge(at(server + 1000, 2000))).to.deep.equal({ servedBy: null, age: 0 });
    // A cache that sends no Age (nginx) but passes the origin's Date: the Date tells the age.
    const kept = clock.judge(at(server + 61_000, 62_000, { servedBy: 'nginx', behind: 60_000 }));
    expect(kept.servedBy).to.equal('nginx');
    expect(kept.age).to.be.within(59_000, 61_000);
  });

  it('ages a copy a header names but no Age ages by this browser’s clock while it knows no better (RFC 9111’s apparent age)', () => {
    const clock = new ServerClock();
    const kept = clock.judge(at(Date.now(), 1000, { servedBy: 'nginx', behind: 45_000 }));
    expect(kept.servedBy).to.equal('nginx');
    expect(kept.age).to.be.within(44_000, 46_000);
    // Nothing it has not learned: a first-hand answer after it sets the clock, and is not aged.
    expect(clock.judge(at(Date.now() + 3_600_000, 2000))).to.deep.equal({ servedBy: null, age: 0 });
    // Varnish's Age is its own word: the browser's clock is not needed for it.
    expect(new ServerClock().judge(at(Date.now() - 3_600_000, 1000, { servedBy: 'Varnish', age: 4000, behind: 4000 })).age).to.equal(4000);
  });

  it('counts the time the device slept, which the monotonic clock does not: a copy from before is old', () => {
    withoutWorker();
    const clock = new ServerClock();
    const [wall, mono] = [Date.now(), performance.now()];
    const date = (at: number) => Math.floor(at / 1000) * 1000;
    expect(clock.judge({ received: wall, mono, age: 0, date: date(wall), servedBy: null })).to.deep.equal({ servedBy: null, age: 0 });
    // An hour asleep: the wall clock moved on, the monotonic one by a second. A copy made before is an hour old.
    const copy = clock.judge({ received: wall + 3_600_000, mono: mono + 1000, age: 0, date: date(wall), servedBy: null });
    expect(copy.servedBy).to.equal('');
    expect(copy.age).to.be.within(3_599_000, 3_601_000);
    const nginx = clock.judge({ received: wall + 3_601_000, mono: mono + 2000, age: 0, date: date(wall), servedBy: 'nginx' });
    expect(nginx.age).to.be.within(3_600_000, 3_602_000);
  });

  it('counts small differences as the header’s precision, not age, and needs no Date', () => {
    const clock = new ServerClock();
    clock.judge(at(Date.now(), 1000));
    expect(clock.judge(at(Date.now() + 800, 1800)).age).to.equal(0);
    expect(clock.judge({ received: Date.now(), mono: 5000, age: 0, date: undefined, servedBy: null })).to.deep.equal({ servedBy: null, age: 0 });
    expect(new ServerClock().offset()).to.equal(0);
  });
});
