import { bareUrl, liveError, type LiveError } from './errors.js';
import type { ResolvedOptions } from './options.js';
import { requestUrl } from './request.js';
import { readStreamMessage } from './stream-message.js';
import { subscribeStream, type StreamState } from './stream.js';
import { $streams } from '../stores/streams.js';

/** What a source's stream needs of its source. */
export interface StreamHost<T> {
  readonly name: string;
  push(data: T): void;
  /** The server says the data changed: refetch, after any fetch already in flight. */
  invalidate(): void;
  unreadable(error: LiveError): void;
  /** The stream opened or dropped (`reopened` after a drop), or stopped for good with `error`. */
  changed(reopened: boolean, failed: LiveError | null): void;
  /** Whether every tab that wants the stream is hidden. */
  hidden(): boolean;
}

/** One source's listening to its stream URL (the connection itself is shared per URL). */
export class SourceStream<T> {
  state: StreamState | null = null;
  #everOpen = false;
  #off: () => void;
  #url: string;

  constructor(options: ResolvedOptions<T>, host: StreamHost<T>, lastEventId?: string) {
    const { headers, credentials, heartbeat, grace, retry, stream, event } = options;
    this.#url = stream!;
    this.#off = subscribeStream(this.#url, { headers, credentials, heartbeat, grace, retry, lastEventId, hidden: () => host.hidden() }, {
      message: (m) => {
        const action = readStreamMessage<T>(m, host.name, event);
        if (action?.kind === 'data') host.push(action.data);
        else if (action?.kind === 'invalidate') host.invalidate();
        else if (action?.kind === 'unreadable') {
          host.unreadable(liveError('parse', { source: host.name, url: this.#url, message: 'The stream sent data that could not be read.' }));
        }
      },
      state: (state, error) => {
        const reopened = state === 'open' && this.#everOpen;
        this.#everOpen ||= state === 'open';
        this.state = state;
        host.changed(reopened, state === 'failed' ? error : null);
      },
    });
  }

  get open(): boolean {
    return this.state === 'open';
  }

  /** The last event id of the connection, for a tab that takes over. */
  lastEventId(): string | undefined {
    return $streams.get()[bareUrl(requestUrl(this.#url, false))]?.lastEventId;
  }

  close(): void {
    this.#off();
  }
}
