/**
 * How a lock is asked for: in the queue (`false`), taken from its holder (`true`: steal), or
 * `try`: taken only if nobody holds it or waits for it (`ifAvailable`), else `lost(false)` at once.
 */
export type LockMode = boolean | 'try';

/**
 * One Web Lock: asked for now, held until `release()`. `lost` hears when another tab's `steal`
 * takes it, or a `try` finds it taken (`broken` false), or when Web Locks fail here and it never
 * was held (`broken` true). `adopt` hands a held lock to new listeners (the tab group takes over
 * the locks a lone tab holds).
 */
export class Lock {
  held = false;
  #released = false;
  #abort = new AbortController();
  #release: (() => void) | undefined;
  #granted: () => void;
  #lost: (broken: boolean) => void;

  constructor(name: string, mode: LockMode, granted: () => void, lost: (broken: boolean) => void) {
    this.#granted = granted;
    this.#lost = lost;
    // The standard allows no signal with `steal` or `ifAvailable`: such a request is answered at once anyway.
    const options: LockOptions = mode === 'try' ? { ifAvailable: true } : mode ? { steal: true } : { signal: this.#abort.signal };
    navigator.locks
      .request(name, options, (lock) => {
        // Granted, but let go before this ran (an abort cannot take back a granted lock).
        if (this.#released) return;
        if (!lock) {
          this.#released = true;
          return this.#lost(false);
        }
        this.held = true;
        this.#granted();
        return new Promise<void>((resolve) => (this.#release = resolve));
      })
      .catch(() => {
        if (this.#released) return;
        const wasHeld = this.held;
        this.held = false;
        this.#released = true;
        this.#lost(!wasHeld);
      });
  }

  /** Held: from now on `granted` (called once, soon, as for a new grant) and `lost` are these. Not held: undefined. */
  adopt(granted: () => void, lost: (broken: boolean) => void): Lock | undefined {
    if (!this.held) return undefined;
    this.#granted = granted;
    this.#lost = lost;
    queueMicrotask(() => this.held && this.#granted());
    return this;
  }

  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.held = false;
    this.#abort.abort();
    this.#release?.();
  }
}
