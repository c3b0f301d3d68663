import { shared } from '../shared.js';

/**
 * One timer for the whole page. Each job asks to run once at a moment (ms epoch); the ticker
 * keeps a single timeout armed for the earliest one. A thousand "updated 5 s ago" labels on
 * one source wake together, once, exactly when their text changes.
 */
interface Job {
  at: number;
  /** The same moment on the monotonic clock: a wall clock set back must not make a job late. */
  mono: number;
  run: () => void;
}

/** ms until a job is due: whichever clock reaches it first. */
const wait = (job: Job, now: number, mono: number) => Math.min(job.at - now, job.mono - mono);

const MAX_TIMEOUT = 2 ** 31 - 1;
/** One per page, whatever number of copies of the library it loaded; `first` is the job the timer is armed for. */
const clock = shared('ticker:2', () => ({ jobs: new Set<Job>(), timer: undefined as ReturnType<typeof setTimeout> | undefined, first: null as Job | null }));
const { jobs } = clock;

function arm(): void {
  const now = Date.now();
  const mono = performance.now();
  let first: Job | null = null;
  let soonest = Infinity;
  for (const job of jobs) {
    const w = wait(job, now, mono);
    if (w < soonest) {
      soonest = w;
      first = job;
    }
  }
  if (first === clock.first && clock.timer !== undefined) return;
  if (clock.timer !== undefined) clearTimeout(clock.timer);
  clock.timer = undefined;
  clock.first = first;
  if (first) clock.timer = setTimeout(fire, Math.min(MAX_TIMEOUT, Math.max(0, soonest)));
}

function fire(): void {
  clock.timer = undefined;
  clock.first = null;
  const now = Date.now();
  const mono = performance.now();
  const due = [...jobs].filter((job) => wait(job, now, mono) <= 0);
  for (const job of due) jobs.delete(job);
  for (const job of due) {
    try {
      job.run();
    } catch (e) {
      // One failing job must not starve the others: surface it as an uncaught error would be.
      setTimeout(() => {
        throw e;
      });
    }
  }
  arm();
}

/** Runs `run` once at `at` (ms epoch). Returns its cancel. */
export function schedule(at: number, run: () => void): () => void {
  const job: Job = { at, mono: performance.now() + (at - Date.now()), run };
  jobs.add(job);
  const { first } = clock;
  if (!first || wait(job, Date.now(), performance.now()) < wait(first, Date.now(), performance.now())) arm();
  return () => {
    // Only the armed job's leaving moves the one timer (a thousand labels cancel theirs each tick).
    if (jobs.delete(job) && job === clock.first) arm();
  };
}

/** How many jobs wait, for diagnostics and leak tests. */
export function pendingTicks(): number {
  return jobs.size;
}
