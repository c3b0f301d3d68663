import { atom, computed, onMount } from 'nanostores';
import { shared } from '../shared.js';
import { logOnce } from '../log-once.js';
import { checkTargets, judge, mergeTargets, parseTargets, worst, type HealthStatus, type Judgement, type Targets } from '../data/health.js';
import { countsOver, nextChange } from '../data/window.js';
import type { AnySource } from '../data/source.js';
import { $diagnostics } from './diagnostics.js';
import { $sources } from './sources.js';

export interface SourceHealth extends Judgement {
  /** The targets this source is judged by (its own over the page's over the defaults). */
  window: number;
}

export interface PageHealth {
  /** The worst of the sources': `ok`, `degraded` (a target missed), `failing` (a source's last fetch failed), `unknown` (too few samples). */
  status: HealthStatus;
  sources: Record<string, SourceHealth>;
}

/** The page's targets over the defaults (`setPageTargets`, `<live-diagnostics targets>`). */
export const $pageTargets = shared('pageTargets', () => atom<Partial<Targets>>({}));

/**
 * The page's health targets, over the defaults and under each source's own:
 * `"hit-rate 80%; latency 500ms; window 10m"` or `{ hitRate: 0.8, latency: 500, window: 600_000 }`.
 * A bad one throws a TypeError that says what is wrong, and the targets stay as they were.
 */
export function setPageTargets(targets: string | Partial<Targets>): void {
  $pageTargets.set({ ...(typeof targets === 'string' ? parseTargets(targets) : checkTargets(targets)) });
}

/**
 * Every source judged against its targets over its sliding window, and the page's verdict. Live
 * while something subscribes: it follows the figures, each source's state and the page's
 * targets, and renews itself when the oldest figures leave a window.
 */
export const $health = shared('health', () => {
  const store = atom<PageHealth>({ status: 'unknown', sources: {} });
  onMount(store, () => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let states: (() => void)[] = [];
    // Each source's last judgement, kept while its figures, targets and failure stay the same and no bucket has left its window:
    // a request re-judges its own source only (a page of 100 sources judged whole takes about 0.7 ms).
    const judged = new Map<string, { recent: unknown; key: string; renew: number; result: SourceHealth }>();
    const update = () => {
      clearTimeout(timer);
      const now = Date.now();
      const stats = $diagnostics.get();
      const before = store.get();
      const sources: Record<string, SourceHealth> = {};
      let changed = false;
      let renew = Infinity;
      for (const source of $sources.get().values()) {
        const { targets, key: targetsKey } = targetsOf(source);
        const recent = stats[source.name]?.recent ?? [];
        const failing = source.state.error !== null;
        const key = `${failing} ${targetsKey}`;
        let last = judged.get(source.name);
        if (!last || last.recent !== recent || last.key !== key || now >= last.renew) {
          const result = { ...judge(countsOver(recent, now, targets.window), targets, failing), window: targets.window };
          last = { recent, key, renew: nextChange(recent, now, targets.window) ?? Infinity, result };
          judged.set(source.name, last);
        }
        sources[source.name] = last.result;
        changed ||= before.sources[source.name] !== last.result;
        renew = Math.min(renew, last.renew);
      }
      for (const name of judged.keys()) if (!(name in sources)) judged.delete(name);
      const status = worst(Object.values(sources).map((s) => s.status));
      changed ||= status !== before.status || Object.keys(before.sources).length !== Object.keys(sources).length;
      if (changed) store.set({ status, sources });
      if (renew !== Infinity) timer = setTimeout(update, Math.max(0, renew - now));
    };
    const follow = (all: ReadonlyMap<string, AnySource>) => {
      states.forEach((off) => off());
      states = [...all.values()].map((s) => s.$state.listen(update));
      update();
    };
    const offs = [$sources.subscribe(follow), $diagnostics.listen(update), $pageTargets.listen(update)];
    return () => {
      clearTimeout(timer);
      offs.forEach((off) => off());
      states.forEach((off) => off());
      states = [];
    };
  });
  return store;
});

/** The page's verdict alone: changes once per change of verdict, not with each figure. */
export const $healthStatus = shared('healthStatus', () => computed($health, (h) => h.status));

/** A source's targets over the page's, worked out again only when either changes. */
const merged = new WeakMap<object, { page: object; options: object; targets: Targets; key: string }>();
function targetsOf(source: AnySource): { targets: Targets; key: string } {
  const page = $pageTargets.get();
  const hit = merged.get(source);
  if (hit && hit.page === page && hit.options === source.options) return hit;
  const targets = mergeTargets(page, ownTargets(source));
  const entry = { page, options: source.options, targets, key: JSON.stringify(targets) };
  merged.set(source, entry);
  return entry;
}

const parsed = new Map<string, Partial<Targets>>();

/** A source's own targets; a bad one is said once and the page's stand. */
function ownTargets(source: AnySource): Partial<Targets> | undefined {
  const given = source.options.targets;
  if (given === undefined) return undefined;
  try {
    if (typeof given !== 'string') return checkTargets(given);
    if (!parsed.has(given)) parsed.set(given, parseTargets(given));
    return parsed.get(given);
  } catch (e) {
    logOnce(`live-widgets: source "${source.name}": ${(e as Error).message.replace(/^live-widgets: /, '')}; its targets are the page's`);
    return undefined;
  }
}
