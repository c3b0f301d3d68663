import { atom } from 'nanostores';
import { shared } from '../shared.js';
import type { Source } from '../data/source.js';

/** Every source on the page by name. Elements watch it so a source declared after them is still found. */
export const $sources = shared('sources', () => atom<ReadonlyMap<string, Source<any>>>(new Map()));

export function registerSource(source: Source<any>): void {
  if ($sources.get().has(source.name)) {
    throw new TypeError(`live-widgets: a source named "${source.name}" already exists; give each source its own name`);
  }
  $sources.set(new Map($sources.get()).set(source.name, source));
}

export function unregisterSource(source: Source<any>): void {
  if ($sources.get().get(source.name) !== source) return;
  const next = new Map($sources.get());
  next.delete(source.name);
  $sources.set(next);
}

export function getSource<T = unknown>(name: string): Source<T> | undefined {
  return $sources.get().get(name);
}

/**
 * The source an element binds to: the named one; without a name, the one named `default`,
 * else the page's only source.
 */
export function findSource(name?: string | null, sources = $sources.get()): Source<any> | undefined {
  if (name) return sources.get(name);
  return sources.get('default') ?? (sources.size === 1 ? sources.values().next().value : undefined);
}

/** The sources an element acts on: the named one, or every source when no name is given. */
export function findSources(name?: string | null, sources = $sources.get()): Source<any>[] {
  if (!name) return [...sources.values()];
  const one = sources.get(name);
  return one ? [one] : [];
}
