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
      const follow = () => {
        const again = this.#followForced;
        this.#followUp = null;
        this.#followForced = false;
        return this.request(again);
      };
      return (this.#followUp ??= this.#run.then(follow, follow));
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
    this.#run = this.#followUp = null;
    this.#followForced = false;
  }
}
