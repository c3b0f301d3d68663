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
const jobs = new Set<Job>();
let timer: ReturnType<typeof setTimeout> | undefined;
let armedAt = Infinity;

function arm(): void {
  let next = Infinity;
  for (const job of jobs) if (job.at < next) next = job.at;
  if (next === armedAt) return;
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  armedAt = next;
  if (next === Infinity) return;
  timer = setTimeout(fire, Math.min(MAX_TIMEOUT, Math.max(0, next - Date.now())));
}

function fire(): void {
  timer = undefined;
  armedAt = Infinity;
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
  if (at < armedAt) arm();
  return () => {
    if (jobs.delete(job) && job.at === armedAt) arm();
  };
}

/** How many jobs wait, for diagnostics and leak tests. */
export function pendingTicks(): number {
  return jobs.size;
}
