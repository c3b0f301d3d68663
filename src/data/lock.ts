/**
 * One Web Lock: asked for now (queued, or taken from its holder with `steal`), held until
 * `release()`. `lost` hears when another tab's `steal` takes it (`broken` false), or when Web
 * Locks fail here and it never was held (`broken` true).
 */
export class Lock {
  held = false;
  #released = false;
  #abort = new AbortController();
  #release: (() => void) | undefined;

  constructor(name: string, steal: boolean, granted: () => void, lost: (broken: boolean) => void) {
    // The standard allows no signal with `steal`: such a request is granted at once anyway.
    const options: LockOptions = steal ? { steal: true } : { signal: this.#abort.signal };
    navigator.locks
      .request(name, options, () => {
        // Granted, but let go before this ran (an abort cannot take back a granted lock).
        if (this.#released) return;
        this.held = true;
        granted();
        return new Promise<void>((resolve) => (this.#release = resolve));
      })
      .catch(() => {
        if (this.#released) return;
        const wasHeld = this.held;
        this.held = false;
        this.#released = true;
        lost(!wasHeld);
      });
  }

  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.held = false;
    this.#abort.abort();
    this.#release?.();
  }
}
