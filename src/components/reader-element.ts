import type { Changes, LightProperties } from './light-element.js';
import { LiveElement } from './live-element.js';
import { logOnce } from '../log-once.js';
import { parseDuration } from '../data/duration.js';
import type { SourceOptions } from '../data/options.js';
import { OwnSource } from './own-source.js';

/**
 * What an element that reads an endpoint itself shares (`<live-sync-status>`, `<live-cache-status>`):
 * `src`, read through a source of its own named `<kind>:<src>` (twins share it; the element that
 * made it disposes it), polled every `poll`, or else shows the source named by `source`. Not an
 * element on its own.
 */
export abstract class ReaderElement<T = unknown> extends LiveElement<T> {
  static override properties: LightProperties = {
    src: {},
    poll: {},
  };

  /** The endpoint, when the element reads it itself. */
  declare src: string | null;
  /** How often to read it (a duration: `30s`, `1m`, or ms); each element says its default. */
  declare poll: string | null;

  readonly #own = new OwnSource<T>();

  constructor() {
    super();
    this.src = this.poll = null;
  }

  /** The first part of its own source's name (`sync`, `cache`); also the key of that source's label. */
  protected abstract get kind(): string;
  /** The poll when `poll` is missing or wrong, in ms. */
  protected abstract get defaultPoll(): number;
  /** More options for its own source. */
  protected readerOptions(): Partial<SourceOptions<T>> {
    return {};
  }

  override get sourceName(): string | null | false {
    return this.source ?? (this.src ? `${this.kind}:${this.src}` : null);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#ensureSource();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#own.release();
  }

  protected override willUpdate(changed: Changes): void {
    if (changed.has('src') || changed.has('poll')) this.#ensureSource();
    super.willUpdate(changed);
    if (changed.has('src')) this.bound.rebind();
  }

  #ensureSource(): void {
    if (this.source || !this.src || !this.isConnected) return this.#own.release();
    const src = this.src;
    let poll: string | number = this.poll ?? this.defaultPoll;
    try {
      parseDuration(poll, 'poll');
    } catch (e) {
      logOnce(`<${this.localName}>: ${(e as Error).message}; polling every ${this.defaultPoll / 1000}s`);
      poll = this.defaultPoll;
    }
    this.#own.ensure(`${this.kind}:${src}`, () => ({ src, poll, ...this.readerOptions() }));
  }
}
