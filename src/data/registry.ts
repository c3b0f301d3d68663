import { DEV } from '../dev.js';
import { atom } from 'nanostores';
import { shared } from '../shared.js';
import type { AnySource } from './source.js';

/** Every source on the page by name, kept here. */
const sources = shared('sourceRegistry', () => new Map<string, AnySource>());

/**
 * Every source on the page by name, as the registry publishes it (a new map on each change, so
 * subscribers see one). Elements watch it so a source declared after them is still found.
 */
export const $sources = shared('sources', () => atom<ReadonlyMap<string, AnySource>>(new Map()));

export function registerSource(source: AnySource): void {
  if (sources.has(source.name)) {
    throw new TypeError(`live-widgets: a source named "${source.name}" already exists${DEV ? '; give each source its own name' : ''}`);
  }
  sources.set(source.name, source);
  $sources.set(new Map(sources));
}

export function unregisterSource(source: AnySource): void {
  if (sources.get(source.name) !== source) return;
  sources.delete(source.name);
  $sources.set(new Map(sources));
}
