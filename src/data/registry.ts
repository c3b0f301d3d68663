import { shared } from '../shared.js';
import type { AnySource } from './source.js';
import { publishSources } from '../stores/sources.js';

/** Every source on the page by name, kept here and published to `$sources`. */
const sources = shared('sourceRegistry', () => new Map<string, AnySource>());

export function registerSource(source: AnySource): void {
  if (sources.has(source.name)) {
    throw new TypeError(`live-widgets: a source named "${source.name}" already exists; give each source its own name`);
  }
  sources.set(source.name, source);
  publishSources(sources);
}

export function unregisterSource(source: AnySource): void {
  if (sources.get(source.name) !== source) return;
  sources.delete(source.name);
  publishSources(sources);
}
