import type { SourceEvent } from './machine.js';
import type { ResolvedOptions } from './options.js';
import type { SourceState } from './state.js';

/**
 * What a feature of a source (its stream, its place in a tab group) sees of it: the narrow
 * interface between the kernel (`source.ts`) and what attaches to it. A feature reads the state
 * and options, and changes what the source says only by sending its machine an event; it never
 * patches state, and the kernel imports no feature's code (each loads when a source uses it).
 */
export interface SourceHost<T> {
  readonly name: string;
  readonly options: ResolvedOptions<T>;
  readonly state: SourceState<T>;
  /** Sends the state machine an event: the one way a feature changes what the source says. */
  send(event: SourceEvent<T>): void;
  /** What the schedule rests on changed (a stream opened or dropped): plan the next fetch again. */
  replan(): void;
  /** New data from elsewhere, applied as `Source.push` does. */
  push(data: T): void;
  /** A fetch now (`force`: past every cache; `fresh`: not joined to one already out). */
  request(force: boolean, fresh?: boolean): Promise<SourceState<T>>;
  /** Hidden for this source: every tab that shows it is. */
  hidden(): boolean;
  /** Tells the other tabs that show the source its state again (the stream has a new place to resume from). */
  broadcast(): void;
}
