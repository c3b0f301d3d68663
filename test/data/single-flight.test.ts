import { expect } from '@open-wc/testing';
import { SingleFlight } from '../../src/data/single-flight.js';

/** A flight whose runs end when the test says; records each run's forced flag. */
function flight() {
  const runs: boolean[] = [];
  const ends: (() => void)[] = [];
  const f = new SingleFlight<number>((forced, done) => {
    runs.push(forced);
    const n = runs.length;
    return new Promise<number>((resolve) => ends.push(() => (done(), resolve(n))));
  });
  return { f, runs, end: () => ends.shift()!() };
}

describe('SingleFlight', () => {
  it('joins a plain request to the run in flight', async () => {
    const { f, runs, end } = flight();
    const a = f.request(false);
    const b = f.request(false);
    expect(a).to.equal(b);
    end();
    expect(await a).to.equal(1);
    expect(runs).to.deep.equal([false]);
    expect(f.busy).to.equal(false);
  });

  it('follows a plain run with one forced run that every forced request shares', async () => {
    const { f, runs, end } = flight();
    const plain = f.request(false);
    const forced1 = f.request(true);
    const forced2 = f.request(true);
    expect(forced1).to.equal(forced2);
    end();
    await plain;
    await Promise.resolve();
    await Promise.resolve();
    end();
    expect(await forced1).to.equal(2);
    expect(runs).to.deep.equal([false, true]);
  });

  it('joins a forced request to a forced run', async () => {
    const { f, runs, end } = flight();
    const a = f.request(true);
    const b = f.request(true);
    expect(a).to.equal(b);
    end();
    await a;
    expect(runs).to.deep.equal([true]);
  });

  it('follows with a fresh plain request, upgraded to forced if one asks meanwhile', async () => {
    const { f, runs, end } = flight();
    const first = f.request(false);
    const fresh = f.request(false, true);
    const forced = f.request(true);
    expect(fresh).to.equal(forced);
    end();
    await first;
    await Promise.resolve();
    await Promise.resolve();
    end();
    await fresh;
    expect(runs).to.deep.equal([false, true]);
  });

  it('is free again the moment a run says it is done', async () => {
    let second: Promise<number> | undefined;
    const f: SingleFlight<number> = new SingleFlight((_, done) =>
      Promise.resolve().then(() => {
        done();
        second ??= f.request(false);
        return 1;
      }),
    );
    const first = f.request(false);
    await first;
    expect(second).not.to.equal(first);
  });

  it('starts anew after reset', () => {
    const { f, runs } = flight();
    f.request(false);
    f.reset();
    f.request(false);
    expect(runs).to.have.length(2);
  });

  it('drops a follow-up planned before a reset: a stopped source makes no request for it', async () => {
    const { f, runs, end } = flight();
    const plain = f.request(false);
    const forced = f.request(true);
    f.reset();
    end();
    expect(await plain).to.equal(1);
    expect(await forced).to.equal(1);
    expect(runs).to.deep.equal([false]);
    expect(f.busy).to.equal(false);
  });
});
