// The page's streams as sources see them: one connection (`stream-connection.ts`) per list of
// URLs, opened by its first listener and closed by its last.
import type { LiveError } from './errors.js';
import type { HeadersOption, StreamTransport } from './options.js';
import type { RetryPolicy } from './retry.js';
import type { SseMessage } from './sse.js';
import { StreamConnection, streamKey } from './stream-connection.js';
import type { WantedSource } from './transport.js';
import { shared } from '../shared.js';
import { updateStream, type StreamState } from './stream-store.js';

export type { StreamState };

export interface StreamListener extends WantedSource {
  message(message: SseMessage): void;
  /** The connection changed: `error` says why it is down, `retryAt` when it tries again (ms epoch). */
  state(state: StreamState, error: LiveError | null, retryAt: number | null): void;
  /** A new place to resume from came without an event (an id-only message, a socket's hello). */
  seen(): void;
}

/** One listener's hold on a stream. */
export interface StreamSubscription {
  /** The last event ID string of the connection, for a tab that takes over. */
  readonly lastEventId: string;
  close(): void;
}

export interface StreamOptions {
  headers?: HeadersOption | undefined;
  credentials?: RequestCredentials | undefined;
  /** Reconnect when nothing, not even a comment, arrived for this long. */
  heartbeat: number;
  /** Close while the page stays hidden this long; resume when it shows. */
  grace: number;
  /** Backoff between reconnects when the server sent no `retry:`. */
  retry: RetryPolicy;
  /** `auto`: a socket for `ws:`/`wss:` URLs; `websocket`; `sse`. */
  transport?: StreamTransport | undefined;
  /** Failed rounds of reconnection in a row after which it gives up. Default: no limit. */
  reconnects?: number | undefined;
  /** Resume from this id (a tab taking over from another). */
  lastEventId?: string | undefined;
  /** Whether every tab that wants this stream is hidden (default: this page is). */
  hidden?: (() => boolean) | undefined;
}

const connections = shared('streamConnections', () => new Map<string, StreamConnection>());

/**
 * Listens to the stream at `urls` (the nodes of one deployment, usually one): one connection per
 * list for the whole page, opened by the first listener (whose headers, credentials and transport
 * it uses) and closed when the last one leaves.
 */
export function subscribeStream(urls: readonly string[], options: StreamOptions, listener: StreamListener): StreamSubscription {
  const key = JSON.stringify([options.transport ?? 'auto', ...urls.map((u) => new URL(u, globalThis.document?.baseURI ?? globalThis.location?.href).href)]);
  let connection = connections.get(key);
  const first = !connection;
  if (!connection) {
    connection = new StreamConnection(urls, options);
    connections.set(key, connection);
  }
  connection.listeners.add(listener);
  updateStream(streamKey(urls, options.transport), { listeners: connection.listeners.size });
  if (first) connection.open();
  else {
    connection.served();
    listener.state(connection.state, connection.error, connection.retryAt);
  }
  return {
    get lastEventId() {
      return connection.lastEventId;
    },
    close() {
      if (!connection.listeners.delete(listener)) return;
      if (connection.listeners.size) {
        connection.served();
        return updateStream(streamKey(urls, options.transport), { listeners: connection.listeners.size });
      }
      connections.delete(key);
      connection.close();
    },
  };
}

/** Open connections, for diagnostics and leak tests. */
export function openStreams(): number {
  return connections.size;
}
