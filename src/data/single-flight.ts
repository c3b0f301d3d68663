/**
 * At most one run at a time. A plain request joins the run in flight; a `fresh` one (which must
 * start after now: a forced refresh, an invalidation) follows it instead, and all fresh requests
 * made meanwhile share that one follow-up. A forced request joins only a forced run, and makes
 * the follow-up forced. Nothing is ever cancelled.
 */
export class SingleFlight<R> {
  #run: Promise<R> | null = null;
  #forced = false;
  #followUp: Promise<R> | null = null;
  #followForced = false;
  /** Counts resets: a follow-up planned before one does not start. */
  #generation = 0;

  /**
   * `start` begins a run; it calls `done()` just before the run's result lands, so whoever sees
   * that result can start another. `done()` says whether the run was still the current one.
   */
  constructor(private readonly start: (forced: boolean, done: () => boolean) => Promise<R>) {}

  get busy(): boolean {
    return this.#run !== null;
  }

  request(forced: boolean, fresh = forced): Promise<R> {
    if (this.#run) {
      if (!fresh || (forced && this.#forced)) return this.#run;
      this.#followForced ||= forced;
      const generation = this.#generation;
      // After a reset (the source stopped) the follow-up is dropped: its callers get the aborted run's end.
      const follow = (ended: () => R | Promise<R>) => () => {
        if (generation !== this.#generation) return ended();
        const again = this.#followForced;
        this.#followUp = null;
        this.#followForced = false;
        return this.request(again);
      };
      const run = this.#run;
      return (this.#followUp ??= run.then(
        follow(() => run),
        follow(() => run),
      ));
    }
    this.#forced = forced;
    let run: Promise<R> | undefined;
    const done = () => {
      const current = this.#run === run;
      if (current) this.#run = null;
      return current;
    };
    run = this.start(forced, done);
    this.#run = run;
    return run;
  }

  /** Lets go of the run in flight (it was aborted): the next request starts anew. */
  reset(): void {
    this.#generation++;
    this.#run = this.#followUp = null;
    this.#followForced = false;
  }
}
