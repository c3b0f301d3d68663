import { $sources } from '../data/registry.js';
import type { AnySource, Source } from '../data/source.js';

export { $sources };

export function getSource<T = unknown>(name: string): Source<T> | undefined {
  return $sources.get().get(name);
}

/**
 * The source an element binds to: the named one; without a name, the one named `default`,
 * else the page's only one.
 */
export function findSource(name?: string | null, sources = $sources.get()): AnySource | undefined {
  if (name) return sources.get(name);
  return sources.get('default') ?? (sources.size === 1 ? sources.values().next().value : undefined);
}

/** The sources an element acts on: the named one, or every source when no name is given. */
export function findSources(name?: string | null, sources = $sources.get()): AnySource[] {
  if (!name) return [...sources.values()];
  const one = sources.get(name);
  return one ? [one] : [];
}

/** What people call a source: its `label`, else its name. */
export function labelOf(name: string, sources = $sources.get()): string {
  return sources.get(name)?.options.label ?? name;
}
