import { liveError, type LiveError } from './errors.js';
import type { StreamPhase } from './machine.js';
import type { ResolvedOptions } from './options.js';
import { readStreamMessage } from './stream-message.js';
import { subscribeStream, type StreamSubscription } from './stream.js';

/** What a source's stream needs of its source. */
export interface StreamHost<T> {
  readonly name: string;
  push(data: T): void;
  /** The server says the data changed: refetch, after any fetch already in flight. */
  invalidate(): void;
  unreadable(error: LiveError): void;
  /** The stream's phase changed; `reopened` when it opened again after being open. */
  changed(phase: StreamPhase, error: LiveError | null, retryAt: number | null, reopened: boolean): void;
  /** Whether every tab that wants the stream is hidden. */
  hidden(): boolean;
  /** The stream has a new place to resume from, with no event: the other tabs should know it. */
  seen(): void;
}

/** One source's listening to its stream URL (the connection itself is shared per URL). */
export class SourceStream<T> {
  phase: StreamPhase = 'connecting';
  #everOpen = false;
  #sub: StreamSubscription;

  constructor(options: ResolvedOptions<T>, host: StreamHost<T>, lastEventId?: string) {
    const { headers, credentials, heartbeat, grace, retry, stream, event, transport, reconnects } = options;
    const streamOptions = { headers, credentials, heartbeat, grace, retry, transport, reconnects, lastEventId, hidden: () => host.hidden() };
    this.#sub = subscribeStream(stream!, streamOptions, {
      name: host.name,
      event: event ?? host.name,
      message: (m) => {
        const action = readStreamMessage<T>(m, host.name, event);
        if (action?.kind === 'data') host.push(action.data);
        else if (action?.kind === 'invalidate') host.invalidate();
        else if (action?.kind === 'unreadable') {
          host.unreadable(liveError('parse', { source: host.name, url: stream![0]!, message: 'The stream sent data that could not be read.' }));
        }
      },
      seen: () => host.seen(),
      state: (state, error, retryAt) => {
        const reopened = state === 'open' && this.#everOpen;
        this.#everOpen ||= state === 'open';
        // Connecting again after it was open, or after a failure, is reconnecting.
        this.phase =
          state === 'connecting' ? (this.#everOpen || error ? 'down' : 'connecting') : state === 'open' ? 'open' : state === 'failed' ? 'failed' : 'closed';
        // The connection is shared: its failure is told as this source's, so the page can show it.
        host.changed(this.phase, error && Object.freeze({ ...error, source: host.name }), retryAt, reopened);
      },
    });
  }

  get open(): boolean {
    return this.phase === 'open';
  }

  /** The last event id of the connection, for a tab that takes over. */
  lastEventId(): string {
    return this.#sub.lastEventId;
  }

  close(): void {
    this.#sub.close();
  }
}
