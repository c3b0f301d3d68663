import { atom, type ReadableAtom, type WritableAtom } from 'nanostores';
import type { LiveError } from './errors.js';
import { staleAt, transition, view, type Clock, type Model, type SourceEvent } from './machine.js';
import type { SourceState } from './state.js';
import { schedule } from './ticker.js';

const clock = (): Clock => ({ now: Date.now(), mono: performance.now() });

/** Two errors are one when they are the same failure (a follower receives copies of the leader's: equal, field by field). */
const sameError = (a: LiveError | null, b: LiveError | null) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The one writer of a source's state: its machine's model, changed only by `send` with a named
 * event (`machine.ts`), and the store that shows the model's view. Subscribers hear of a change
 * only when something in the view really changed; `shown` then hears of it too (the page's
 * errors, the other tabs). The move to stale is shown exactly when it happens, by one job on the
 * shared ticker while `active()`.
 */
export class Publisher<T> {
  model: Model<T>;
  readonly #state: WritableAtom<SourceState<T>>;
  readonly $state: ReadableAtom<SourceState<T>>;
  readonly #active: () => boolean;
  readonly #shown: (next: SourceState<T>) => void;
  #cancelStaleTick = () => {};
  /** Events sent inside a batch are shown together, once, when it ends. */
  #batching = 0;

  constructor(model: Model<T>, active: () => boolean, shown: (next: SourceState<T>) => void) {
    this.model = model;
    this.$state = this.#state = atom(view(model, clock()));
    this.#active = active;
    this.#shown = shown;
  }

  get state(): SourceState<T> {
    return this.#state.value!;
  }

  send(event: SourceEvent<T>): void {
    this.model = transition(this.model, event, clock());
    if (!this.#batching) this.publish();
  }

  batch(steps: () => void): void {
    this.#batching++;
    try {
      steps();
    } finally {
      if (--this.#batching === 0) this.publish();
    }
  }

  /** Shows the model's view as of now. */
  publish(): void {
    const c = clock();
    const current = this.state;
    const next = view(this.model, c);
    if (sameError(next.error, current.error)) next.error = current.error;
    this.#cancelStaleTick();
    this.#cancelStaleTick = () => {};
    const at = this.#active() ? staleAt(this.model, c) : null;
    if (at !== null) this.#cancelStaleTick = schedule(at, () => this.publish());
    if ((Object.keys(next) as (keyof SourceState<T>)[]).every((k) => Object.is(next[k], current[k]))) return;
    this.#state.set(next);
    this.#shown(next);
  }
}
