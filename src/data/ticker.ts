import { shared } from '../shared.js';

/**
 * One timer for the whole page. Each job asks to run once at a moment (ms epoch); the ticker
 * keeps a single timeout armed for the earliest one. A thousand "updated 5 s ago" labels on
 * one source wake together, once, exactly when their text changes.
 */
interface Job {
  at: number;
  run: () => void;
}

const MAX_TIMEOUT = 2 ** 31 - 1;
/** One per page, whatever number of copies of the library it loaded. */
const clock = shared('ticker', () => ({ jobs: new Set<Job>(), timer: undefined as ReturnType<typeof setTimeout> | undefined, armedAt: Infinity }));
const { jobs } = clock;

function arm(): void {
  let next = Infinity;
  for (const job of jobs) if (job.at < next) next = job.at;
  if (next === clock.armedAt) return;
  if (clock.timer !== undefined) clearTimeout(clock.timer);
  clock.timer = undefined;
  clock.armedAt = next;
  if (next === Infinity) return;
  clock.timer = setTimeout(fire, Math.min(MAX_TIMEOUT, Math.max(0, next - Date.now())));
}

function fire(): void {
  clock.timer = undefined;
  clock.armedAt = Infinity;
  const now = Date.now();
  const due = [...jobs].filter((job) => job.at <= now);
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
  const job: Job = { at, run };
  jobs.add(job);
  if (at < clock.armedAt) arm();
  return () => {
    if (jobs.delete(job) && job.at === clock.armedAt) arm();
  };
}

/** How many jobs wait, for diagnostics and leak tests. */
export function pendingTicks(): number {
  return jobs.size;
}
