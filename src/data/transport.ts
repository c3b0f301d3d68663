import type { LiveError } from './errors.js';
import type { StreamTransport } from './options.js';
import type { SseMessage } from './sse.js';

export type TransportName = 'sse' | 'websocket';

/** A source a stream serves: its name, and the event that carries its data. */
export interface WantedSource {
  readonly name: string;
  readonly event: string;
}

/** What a stream connection gives a transport for one attempt to connect. */
export interface Link {
  readonly url: string;
  /** The connection's last event ID string now: resume after it ('' for none). */
  readonly lastEventId: string;
  readonly headers: Record<string, string>;
  readonly credentials: RequestCredentials | undefined;
  readonly signal: AbortSignal;
  readonly facts: { source: string; url: string; attempt: number };
  /** The sources it serves now. */
  readonly sources: readonly WantedSource[];
  /** The server accepted: the stream is open. */
  opened(): void;
  /** Something the application sent arrived (an event, a comment, a ping of its own): the stream delivers. */
  alive(): void;
  message(message: SseMessage): void;
  /** The last event ID string moved without a message (an event without data). */
  seen(lastEventId: string): void;
  /** The server's reconnection time, in ms. */
  retry(ms: number): void;
  bytes(count: number): void;
}

/** How an attempt ended: `error` null when the server ended it cleanly. */
export interface Ended {
  error: LiveError | null;
  /** It never opened, as when a proxy refuses upgrades: the next transport or URL may. */
  unopened?: boolean;
  /** The server is going away (a node shutting down): another URL first. */
  moveOn?: boolean;
}

export interface Attempt {
  readonly ended: Promise<Ended>;
  /** The sources served changed (a socket tells its server; a one-way stream needs not). */
  serve?(sources: readonly WantedSource[]): void;
}

/** One way to reach the stream: a transport and a URL. */
export interface Candidate {
  readonly transport: TransportName;
  readonly url: string;
}

const WS = /^wss?:$/;

function withScheme(url: string, socket: boolean): string {
  const u = new URL(url, globalThis.document?.baseURI ?? globalThis.location?.href);
  if (socket && !WS.test(u.protocol)) u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  if (!socket && WS.test(u.protocol)) u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:';
  return u.href;
}

/**
 * The ways to try, in order: each URL with a socket first (when asked for, or when it is a
 * `ws:`/`wss:` URL) and then Server-Sent Events on the same URL, which is what a socket falls back to.
 */
export function candidates(urls: readonly string[], transport: StreamTransport): Candidate[] {
  return urls.flatMap((url) => {
    const socket = transport === 'websocket' || (transport === 'auto' && WS.test(new URL(url, globalThis.location?.href).protocol));
    const sse: Candidate = { transport: 'sse', url: withScheme(url, false) };
    return socket && typeof WebSocket === 'function' ? [{ transport: 'websocket', url: withScheme(url, true) }, sse] : [sse];
  });
}
