import { createSource, type Source } from '../data/source.js';
import type { SourceOptions } from '../data/options.js';
import { getSource } from '../stores/sources.js';

/**
 * A source an element reads by itself (`<live-sync-status src>`, `<live-diagnostics health>`),
 * named after what it reads so that twins share one: made when the element asks and none of that
 * name exists, disposed when the element that made it lets go.
 */
export class OwnSource<T = unknown> {
  #made: Source<T> | undefined;

  /** The source of that name, made with `options` when there is none. */
  ensure(name: string, options: () => SourceOptions<T>): Source<T> {
    if (this.#made?.name === name) return this.#made;
    this.release();
    const existing = getSource<T>(name);
    if (existing) return existing;
    return (this.#made = createSource<T>(name, options()));
  }

  release(): void {
    this.#made?.dispose();
    this.#made = undefined;
  }
}
