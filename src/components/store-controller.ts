import type { ReactiveController, ReactiveControllerHost } from './light-element.js';
import type { ReadableAtom } from 'nanostores';

/** Keeps a host element subscribed to a store while it is connected, and re-renders it on change. */
export class StoreController<T> implements ReactiveController {
  #unsubscribe: (() => void) | undefined;
  value: T;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly store: ReadableAtom<T>,
  ) {
    this.value = store.get();
    host.addController(this);
  }

  hostConnected(): void {
    this.#unsubscribe = this.store.subscribe((value) => {
      this.value = value;
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
