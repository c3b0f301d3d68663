import type { ReactiveController, ReactiveControllerHost } from './light-element.js';
import type { Source, SourceState } from '../data/source.js';
import { $sources, findSource } from '../stores/sources.js';

/**
 * Binds an element to the source its `source` attribute names (or the page's default one),
 * follows it when sources come and go, and keeps it running while the element is connected.
 */
export class SourceController<T = unknown> implements ReactiveController {
  source: Source<T> | undefined;
  state: SourceState<T> | undefined;
  #offRegistry: (() => void) | undefined;
  #offState: (() => void) | undefined;

  constructor(private readonly host: ReactiveControllerHost & { sourceName: string | null | false }) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#offRegistry = $sources.subscribe(() => this.rebind());
  }

  hostDisconnected(): void {
    this.#offRegistry?.();
    this.#offState?.();
    this.#offRegistry = this.#offState = undefined;
    this.source = undefined;
  }

  /** Call when the host's source name changes. */
  rebind(): void {
    const name = this.host.sourceName;
    const next = name === false ? undefined : findSource(name);
    // Not connected (a server render): what the source holds now, once; nothing is started.
    if (!this.#offRegistry) {
      this.source = next;
      this.state = next?.state;
      return;
    }
    if (next === this.source && this.#offState) return;
    this.#offState?.();
    this.#offState = undefined;
    this.source = next;
    this.state = next?.state;
    if (next) {
      this.#offState = next.$state.subscribe((state) => {
        this.state = state;
        this.host.requestUpdate();
      });
    }
    this.host.requestUpdate();
  }
}
