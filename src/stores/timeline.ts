import { atom, onMount, type ReadableAtom } from 'nanostores';
import { shared } from '../shared.js';
import { $sources } from '../data/registry.js';
import type { LiveError } from '../data/errors.js';
import type { AnySource } from '../data/source.js';
import type { SourceState } from '../data/state.js';
import { $tabs } from '../data/tab-store.js';
import { $diagnostics } from '../data/figures.js';

/** What a source said at one moment: what its elements show follows from this alone. */
export type Said = Pick<SourceState, 'status' | 'origin' | 'servedBy' | 'connection' | 'stale' | 'updatedAt' | 'retryAt' | 'ttl'> & {
  error: Pick<LiveError, 'kind' | 'message' | 'status' | 'retryAfter'> | null;
  /** It had data to show (what the elements then said follows from this and the rest: see `badgeState`). */
  hasData: boolean;
};

/**
 * Why it changed, as far as its state tells: `watched` (the timeline began here), `data` (new
 * data), `confirmed` (the server said the data still holds: a 304, or the same data),
 * `cached` (a cache on the way answered), `failed`, `recovered`, `stale` (not confirmed within
 * its ttl), `fetching`, `not-modified` (a 304 confirmed
 * the data), `retry` (it tries again after a failure), `stream-open`, `stream-lost`, `offline`, `online`, `hidden`, `shown`,
 * or `changed` (anything else, such as a fetch that settled).
 */
export type Cause =
  | 'watched'
  | 'data'
  | 'confirmed'
  | 'cached'
  | 'failed'
  | 'recovered'
  | 'stale'
  | 'fetching'
  | 'not-modified'
  | 'retry'
  | 'stream-open'
  | 'stream-lost'
  | 'offline'
  | 'online'
  | 'hidden'
  | 'shown'
  | 'leads'
  | 'follows'
  | 'changed';

export interface TimelineEntry {
  /** When (ms epoch). */
  at: number;
  cause: Cause;
  /** What the source said from then on; the entry before says what it said before. */
  said: Said;
}

/** How much each source's timeline keeps: the last 200 changes, of the last 15 minutes. */
export const TIMELINE_LIMIT = 200;
export const TIMELINE_WINDOW = 15 * 60_000;

function said(s: SourceState): Said {
  const e = s.error;
  return {
    status: s.status,
    origin: s.origin,
    servedBy: s.servedBy,
    connection: s.connection,
    stale: s.stale,
    updatedAt: s.updatedAt,
    retryAt: s.retryAt,
    ttl: s.ttl,
    hasData: s.data !== undefined,
    error: e && { kind: e.kind, message: e.message, status: e.status, retryAfter: e.retryAfter },
  };
}

const CONNECTED: Partial<Record<SourceState['connection'], Cause>> = {
  streaming: 'stream-open',
  reconnecting: 'stream-lost',
  offline: 'offline',
  paused: 'hidden',
};

/** Why `next` followed `before`, from what changed between them (the first change that explains it). */
export function causeOf(before: SourceState, next: SourceState): Cause {
  if (next.error && next.error !== before.error) return 'failed';
  if (before.error && !next.error) return 'recovered';
  if (before.connection !== next.connection) {
    const cause = CONNECTED[next.connection];
    if (cause) return cause;
    if (before.connection === 'offline') return 'online';
    if (before.connection === 'paused') return 'shown';
  }
  if (next.data !== before.data && next.origin !== 'none') return next.origin === 'server-cache' ? 'cached' : 'data';
  if (next.updatedAt !== before.updatedAt) return next.origin === 'server-cache' ? 'cached' : 'confirmed';
  if (next.stale && !before.stale) return 'stale';
  if ((next.status === 'loading' || next.status === 'refreshing') && next.status !== before.status) return 'fetching';
  if (next.error && before.retryAt !== null && next.retryAt === null) return 'retry';
  return 'changed';
}

const $entries = shared('timeline', () => {
  const store = atom<Readonly<Record<string, readonly TimelineEntry[]>>>({});
  onMount(store, record);
  return store;
});

/**
 * Each source's timeline: what it said, change by change, with when and why, newest last, within
 * `TIMELINE_LIMIT` and `TIMELINE_WINDOW`. Kept only while something watches this store (the
 * diagnostics panel): a page that watches nothing keeps nothing, and loads none of this. In a
 * tab that follows another, a source says what the serving tab's says, so the timeline is the
 * serving tab's as this tab saw it.
 */
export const $timeline: ReadableAtom<Readonly<Record<string, readonly TimelineEntry[]>>> = $entries;

function add(name: string, entry: TimelineEntry): void {
  const all = $entries.get();
  const since = entry.at - TIMELINE_WINDOW;
  const kept = [...(all[name] ?? []), entry].filter((e) => e.at >= since).slice(-TIMELINE_LIMIT);
  $entries.set({ ...all, [name]: kept });
}

function record() {
  const watched = new Map<AnySource, () => void>();
  const watch = (sources: ReadonlyMap<string, AnySource>) => {
    for (const [source, off] of watched) {
      if (sources.get(source.name) === source) continue;
      off();
      watched.delete(source);
    }
    for (const source of sources.values()) {
      if (watched.has(source)) continue;
      let last = source.state;
      // The request figures, where they are counted (the panel counts them), tell a 304 from the
      // state's plain "confirmed": by what they counted since.
      const counted = () => $diagnostics.value?.[source.name];
      let before = counted();
      add(source.name, { at: Date.now(), cause: 'watched', said: said(last) });
      watched.set(
        source,
        source.$state.listen((next) => {
          const now = counted();
          let cause = causeOf(last, next);
          if (cause === 'confirmed' && now && now.notModified > (before?.notModified ?? 0)) cause = 'not-modified';
          add(source.name, { at: Date.now(), cause, said: said(next) });
          last = next;
          before = now;
        }),
      );
    }
  };
  const off = $sources.subscribe(watch);
  // A tab's part in its group is not in the state: a handover is noted from the tabs' store.
  const roles = new Map(Object.entries($tabs.get()).map(([name, info]) => [name, info?.role]));
  const offTabs = $tabs.listen((tabs) => {
    for (const [source] of watched) {
      const role = tabs[source.name]?.role;
      if (role === roles.get(source.name)) continue;
      const was = roles.get(source.name);
      roles.set(source.name, role);
      if (was && (role === 'leader' || role === 'follower')) {
        add(source.name, { at: Date.now(), cause: role === 'leader' ? 'leads' : 'follows', said: said(source.state) });
      }
    }
  });
  return () => {
    off();
    offTabs();
    watched.forEach((stop) => stop());
    $entries.set({});
  };
}
