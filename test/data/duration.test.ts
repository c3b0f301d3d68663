import { expect } from '@open-wc/testing';
import { parseDuration } from '../../src/data/duration.js';

describe('parseDuration', () => {
  it('reads milliseconds and unit strings', () => {
    expect(parseDuration(250, 'poll')).to.equal(250);
    expect(parseDuration('500ms', 'poll')).to.equal(500);
    expect(parseDuration('15s', 'poll')).to.equal(15_000);
    expect(parseDuration('1m', 'poll')).to.equal(60_000);
    expect(parseDuration('2h', 'poll')).to.equal(7_200_000);
    expect(parseDuration('1d', 'poll')).to.equal(86_400_000);
    expect(parseDuration('1.5s', 'poll')).to.equal(1500);
    expect(parseDuration(' 30 S ', 'poll')).to.equal(30_000);
    expect(parseDuration('750', 'poll')).to.equal(750);
    expect(parseDuration(0, 'poll')).to.equal(0);
  });

  for (const bad of ['banana', '', '-5s', '5 minutes', '1e3', 'NaN']) {
    it(`rejects ${JSON.stringify(bad)} with a TypeError naming the option and the value`, () => {
      expect(() => parseDuration(bad, 'poll')).to.throw(TypeError, new RegExp(`"poll".*got ${JSON.stringify(bad)}`));
    });
  }

  for (const bad of [-1, NaN, Infinity, null, {}, true]) {
    it(`rejects the value ${String(bad)}`, () => {
      expect(() => parseDuration(bad as never, 'timeout')).to.throw(TypeError, /"timeout"/);
    });
  }
});
