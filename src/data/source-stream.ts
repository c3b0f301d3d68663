import { liveError } from './errors.js';
import type { SourceHost } from './host.js';
import type { StreamPhase } from './machine.js';
import { readStreamMessage } from './stream-message.js';
import { subscribeStream, type StreamSubscription } from './stream.js';

/**
 * One source's listening to its stream URL (the connection itself is shared per URL): the
 * stream feature, attached to its source through `SourceHost`. What the stream hears becomes the
 * machine's events; a new place to resume from is told to the other tabs.
 */
export class SourceStream<T> {
  phase: StreamPhase = 'connecting';
  #everOpen = false;
  #sub: StreamSubscription;

  constructor(host: SourceHost<T>, lastEventId?: string) {
    const { headers, credentials, heartbeat, grace, retry, stream, event, transport, reconnects } = host.options;
    const streamOptions = { headers, credentials, heartbeat, grace, retry, transport, reconnects, lastEventId, hidden: () => host.hidden() };
    this.#sub = subscribeStream(stream!, streamOptions, {
      name: host.name,
      event: event ?? host.name,
      message: (m) => {
        const action = readStreamMessage<T>(m, host.name, event);
        if (action?.kind === 'data') host.push(action.data);
        // The server says the data changed: refetch, after any fetch already out.
        else if (action?.kind === 'invalidate') void host.request(false, true);
        else if (action?.kind === 'unreadable') {
          const error = liveError('parse', { source: host.name, url: stream![0]!, message: 'The stream sent data that could not be read.' });
          host.send({ type: 'pushUnreadable', error });
        }
      },
      // A tab that takes over resumes from here: tell the other tabs, even with no news.
      seen: () => host.broadcast(),
      state: (state, error, retryAt) => {
        const reopened = state === 'open' && this.#everOpen;
        this.#everOpen ||= state === 'open';
        // Connecting again after it was open, or after a failure, is reconnecting.
        this.phase =
          state === 'connecting' ? (this.#everOpen || error ? 'down' : 'connecting') : state === 'open' ? 'open' : state === 'failed' ? 'failed' : 'closed';
        // The connection is shared: its failure is told as this source's, so the page can show it.
        host.send({ type: 'streamChanged', phase: this.phase, error: error && Object.freeze({ ...error, source: host.name }), retryAt });
        host.replan();
        // Back after a drop: one conditional request covers what the server could not replay.
        if (reopened) void host.request(false);
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
