// What a fault may leave behind: timers still armed, listeners still on window and document,
// unhandled rejections, console errors. `meter()` starts counting; `leftovers()` says what is
// still there beyond the start, after the scene is taken down.
import { expect } from '@open-wc/testing';
import { pause } from '../helpers.js';

type Timer = ReturnType<typeof setTimeout>;

export interface Meter {
  /** Timers armed since the start and neither fired nor cleared, listeners added and not removed. */
  leftovers(): { timers: number; intervals: number; listeners: string[] };
  /** Where each timer still armed was set, for a failure's message. */
  armed(): string[];
  /** Unhandled rejections and console.error calls since the start. */
  complaints(): string[];
  stop(): void;
}

export function meter(): Meter {
  const timers = new Map<Timer, string>();
  const intervals = new Set<Timer>();
  const listeners = new Map<string, number>();
  const complaints: string[] = [];
  const g = globalThis;
  const original = {
    setTimeout: g.setTimeout,
    clearTimeout: g.clearTimeout,
    setInterval: g.setInterval,
    clearInterval: g.clearInterval,
    add: EventTarget.prototype.addEventListener,
    remove: EventTarget.prototype.removeEventListener,
    error: console.error,
  };
  g.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const id: Timer = original.setTimeout.call(
      g,
      (...a: unknown[]) => {
        timers.delete(id);
        fn(...a);
      },
      ms,
      ...args,
    );
    timers.set(id, `${ms ?? 0} ms at ${Math.round(performance.now())}, armed at ${new Error().stack?.split('\n').slice(2, 5).join(' ← ').trim()}`);
    return id;
  }) as typeof setTimeout;
  g.clearTimeout = ((id: Timer) => (timers.delete(id), original.clearTimeout.call(g, id))) as typeof clearTimeout;
  g.setInterval = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const id: Timer = original.setInterval.call(g, fn, ms, ...args);
    intervals.add(id);
    return id;
  }) as typeof setInterval;
  g.clearInterval = ((id: Timer) => (intervals.delete(id), original.clearInterval.call(g, id))) as typeof clearInterval;

  // Listeners on the page-wide targets, which outlive any element: window and document.
  const key = (target: EventTarget, type: string) => `${target === window ? 'window' : 'document'}:${type}`;
  const watched = (target: EventTarget) => target === window || target === document;
  EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, listener, options) {
    if (watched(this) && listener) listeners.set(key(this, type), (listeners.get(key(this, type)) ?? 0) + 1);
    return original.add.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function (this: EventTarget, type: string, listener, options) {
    if (watched(this) && listener) listeners.set(key(this, type), (listeners.get(key(this, type)) ?? 0) - 1);
    return original.remove.call(this, type, listener, options);
  };
  const onRejection = (e: Event) => {
    const reason = (e as PromiseRejectionEvent).reason;
    complaints.push(`unhandled rejection: ${reason?.message ?? reason}`);
  };
  original.add.call(window, 'unhandledrejection', onRejection);
  console.error = (...args: unknown[]) => {
    complaints.push(`console.error: ${args.map(String).join(' ')}`);
    original.error.apply(console, args);
  };

  return {
    leftovers: () => ({
      timers: timers.size,
      intervals: intervals.size,
      listeners: [...listeners].filter(([, n]) => n > 0).map(([k, n]) => `${k} ×${n}`),
    }),
    armed: () => [...timers.values()],
    complaints: () => [...complaints],
    stop() {
      Object.assign(g, {
        setTimeout: original.setTimeout,
        clearTimeout: original.clearTimeout,
        setInterval: original.setInterval,
        clearInterval: original.clearInterval,
      });
      EventTarget.prototype.addEventListener = original.add;
      EventTarget.prototype.removeEventListener = original.remove;
      original.remove.call(window, 'unhandledrejection', onRejection);
      console.error = original.error;
    },
  };
}

/**
 * Takes `page` down and checks that nothing of the scene stays. nanostores lets a store go 1 s
 * after its last listener, so what is still armed after 3 s leaked. (A polling loop of our own:
 * waitUntil's own timeout timer would count.)
 */
export async function expectNothingLeft(m: Meter, page: Element): Promise<void> {
  page.remove();
  for (let waited = 0; m.leftovers().timers > 0 && waited < 3000; waited += 50) await pause(50);
  expect(m.leftovers(), m.armed().join('\n')).to.deep.equal({ timers: 0, intervals: 0, listeners: [] });
  expect(m.complaints()).to.deep.equal([]);
}
