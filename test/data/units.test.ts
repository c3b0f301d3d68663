import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { liveError, type ErrorKind } from '../../src/data/errors.js';
import { freshness } from '../../src/data/freshness.js';
import { backoff, isRetryable, nextTry, parseRetryAfter } from '../../src/data/retry.js';
import { pendingTicks, schedule } from '../../src/data/ticker.js';

describe('freshness', () => {
  it('is fresh, then aging from half the ttl, then stale', () => {
    const at = 1_000_000;
    expect(freshness({ updatedAt: at, ttl: 10_000 }, at)).to.deep.equal({ age: 0, remaining: 10_000, ratio: 0, status: 'fresh' });
    expect(freshness({ updatedAt: at, ttl: 10_000 }, at + 4999).status).to.equal('fresh');
    expect(freshness({ updatedAt: at, ttl: 10_000 }, at + 5000)).to.include({ status: 'aging', remaining: 5000, ratio: 0.5 });
    expect(freshness({ updatedAt: at, ttl: 10_000 }, at + 10_000)).to.include({ status: 'stale', remaining: 0 });
  });

  it('treats never-confirmed data as stale and a clock behind the server as age 0', () => {
    expect(freshness({ updatedAt: null, ttl: 1000 })).to.include({ status: 'stale', age: Infinity });
    expect(freshness({ updatedAt: 2000, ttl: 1000 }, 1000)).to.include({ age: 0, status: 'fresh' });
  });
});

describe('retry rules', () => {
  it('draws full-jitter backoff below min(max, base·2^n)', () => {
    const policy = { attempts: 3, base: 1000, max: 5000 };
    expect(backoff(0, policy, () => 0.999)).to.equal(999);
    expect(backoff(1, policy, () => 0.999)).to.equal(1998);
    expect(backoff(5, policy, () => 0.999)).to.equal(4995);
    expect(backoff(2, policy, () => 0)).to.equal(0);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('Sun, 22 Nov 2026 10:00:00 GMT');
    expect(parseRetryAfter('7', now)).to.equal(7000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:30 GMT', now)).to.equal(30_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 09:00:00 GMT', now)).to.equal(0);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
    expect(parseRetryAfter(null, now)).to.equal(undefined);
  });

  it('retries only what another try can mend', () => {
    const e = (kind: Parameters<typeof liveError>[0], status?: number) => liveError(kind, { source: 's', url: '/x', status });
    expect(isRetryable(e('network'))).to.equal(true);
    expect(isRetryable(e('timeout'))).to.equal(true);
    expect(isRetryable(e('rate-limited', 429))).to.equal(true);
    expect(isRetryable(e('http', 408))).to.equal(true);
    expect(isRetryable(e('http', 500))).to.equal(true);
    expect(isRetryable(e('http', 404))).to.equal(false);
    expect(isRetryable(e('parse'))).to.equal(false);
    expect(isRetryable(e('aborted'))).to.equal(false);
  });
});

describe('the one retry policy (nextTry)', () => {
  const policy = { attempts: 3, base: 1000, max: 30_000 };
  const half = () => 0.5;
  const fail = (kind: ErrorKind, status?: number, retryAfter?: number) => liveError(kind, { source: 's', url: '/x', status, retryAfter });

  it('retries what another try can mend, with full-jitter backoff, at most `attempts` times', () => {
    expect(nextTry(fail('network'), 1, policy, { random: half })).to.deep.equal({ retry: true, after: 500 });
    expect(nextTry(fail('http', 500), 3, policy, { random: half })).to.deep.equal({ retry: true, after: 2000 });
    expect(nextTry(fail('timeout'), 4, policy).retry).to.equal(false);
    expect(nextTry(fail('http', 404), 1, policy).retry).to.equal(false);
    expect(nextTry(fail('parse'), 1, policy).retry).to.equal(false);
  });

  it('waits what Retry-After says; past retry.max a fetch gives up and says how long to wait', () => {
    expect(nextTry(fail('rate-limited', 429, 5000), 1, policy, { random: half })).to.deep.equal({ retry: true, after: 5000 });
    expect(nextTry(fail('rate-limited', 503, 60_000), 1, policy)).to.deep.equal({ retry: false, after: 60_000 });
  });

  it('for a stream: never gives up on what can mend, waits out Retry-After, and never reconnects sooner than retry:', () => {
    const stream = { bounded: false, floor: 3000, random: half };
    expect(nextTry(fail('network'), 9, policy, stream)).to.deep.equal({ retry: true, after: 30_000 * 0.5 });
    expect(nextTry(fail('network'), 1, policy, stream)).to.deep.equal({ retry: true, after: 3000 });
    expect(nextTry(fail('rate-limited', 503, 60_000), 1, policy, stream)).to.deep.equal({ retry: true, after: 60_000 });
    expect(nextTry(fail('http', 404), 1, policy, stream).retry).to.equal(false);
  });

  it('after a stream the server ended cleanly, waits its retry: alone (the standard’s reconnection time)', () => {
    expect(nextTry(null, 0, policy, { bounded: false, floor: 10 })).to.deep.equal({ retry: true, after: 10 });
    expect(nextTry(null, 0, policy, { bounded: false, random: half })).to.deep.equal({ retry: true, after: 500 });
  });
});

describe('ticker', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => (clock = sinon.useFakeTimers({ now: 0, toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] })));
  afterEach(() => clock.restore());

  it('runs many jobs with one timer, each at its moment, and forgets cancelled ones', () => {
    const ran: string[] = [];
    schedule(1000, () => ran.push('a'));
    schedule(1000, () => ran.push('b'));
    const cancel = schedule(500, () => ran.push('cancelled'));
    schedule(3000, () => ran.push('c'));
    expect(clock.countTimers()).to.equal(1);
    cancel();
    clock.tick(999);
    expect(ran).to.deep.equal([]);
    clock.tick(1);
    expect(ran).to.deep.equal(['a', 'b']);
    expect(clock.countTimers()).to.equal(1);
    clock.tick(2000);
    expect(ran).to.deep.equal(['a', 'b', 'c']);
    expect(clock.countTimers()).to.equal(0);
    expect(pendingTicks()).to.equal(0);
  });

  it('runs the other jobs when one throws, then surfaces the error', () => {
    const ran: string[] = [];
    schedule(10, () => {
      throw new Error('boom');
    });
    schedule(10, () => ran.push('after'));
    clock.tick(10);
    expect(ran).to.deep.equal(['after']);
    expect(() => clock.tick(1)).to.throw('boom');
  });
});
