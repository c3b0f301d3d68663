import { deadline, remaining, type Deadline } from './clock.js';
import { bareUrl, liveError, type LiveError } from './errors.js';
import { resolveHeaders, type HeadersOption } from './options.js';
import { isHidden, onOnline, onVisibilityChange } from './page.js';
import { answerError, requestUrl } from './request.js';
import { nextTry, type RetryPolicy } from './retry.js';
import { SseParser, type SseMessage } from './sse.js';
import { shared } from '../shared.js';
import { forgetStream, updateStream, type StreamState } from '../stores/streams.js';

export type { StreamState };

export interface StreamListener {
  message(message: SseMessage): void;
  /** The connection changed: `error` says why it is down, `retryAt` when it tries again (ms epoch). */
  state(state: StreamState, error: LiveError | null, retryAt: number | null): void;
}

/** One listener's hold on a stream. */
export interface StreamSubscription {
  /** The last event ID string of the connection, for a tab that takes over. */
  readonly lastEventId: string;
  close(): void;
}

/**
 * `Last-Event-ID` as the standard sends it: the id encoded as UTF-8. `Headers` takes only byte
 * strings, so each UTF-8 byte goes in as one character (an id like "…" would throw otherwise).
 */
export function headerValue(id: string): string {
  return String.fromCharCode(...new TextEncoder().encode(id));
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
  /** Resume from this id (a tab taking over from another). */
  lastEventId?: string | undefined;
  /** Whether every tab that wants this stream is hidden (default: this page is). */
  hidden?: (() => boolean) | undefined;
}

type Timer = ReturnType<typeof setTimeout> | undefined;

/**
 * One Server-Sent Events connection, read over fetch (so headers and credentials work), shared
 * by every source that listens to its URL. It resumes with `Last-Event-ID`.
 */
class StreamConnection {
  readonly listeners = new Set<StreamListener>();
  state: StreamState = 'closed';
  error: LiveError | null = null;
  retryAt: number | null = null;
  #key: string;
  #parser: SseParser;
  /** The server's `retry:`: the least wait before reconnecting. */
  #serverRetry = 0;
  /** The server asked for no reconnection before this (its Retry-After). */
  #quietUntil: Deadline | null = null;
  /** Connection attempts that failed in a row (one that opened resets it). */
  #failures = 0;
  #connections = 0;
  #events = 0;
  #bytes = 0;
  #abort: AbortController | undefined;
  #reconnectTimer: Timer;
  #heartbeatTimer: Timer;
  #graceTimer: Timer;
  #paused = false;
  #unlisten: (() => void)[] = [];

  constructor(
    readonly url: string,
    readonly options: StreamOptions,
  ) {
    this.#key = bareUrl(url);
    this.#parser = new SseParser(
      {
        message: (m) => {
          this.#events++;
          updateStream(this.#key, { events: this.#events, lastEventId: m.lastEventId });
          for (const l of [...this.listeners]) l.message(m);
        },
        retry: (ms) => (this.#serverRetry = ms),
      },
      options.lastEventId ?? '',
    );
  }

  get lastEventId(): string {
    return this.#parser.lastEventId;
  }

  open(): void {
    this.#unlisten.push(
      onVisibilityChange((hidden) => (hidden ? this.#onHidden() : this.#onShown())),
      onOnline(() => {
        // Back online, try at once; unless the server itself asked to wait (Retry-After).
        const asked = !!this.#quietUntil && remaining(this.#quietUntil) > 0;
        if (this.state !== 'open' && this.state !== 'failed' && !this.#paused && !asked) this.#reconnectNow();
      }),
    );
    void this.#connect();
    if (isHidden()) this.#onHidden();
  }

  close(): void {
    this.#unlisten.splice(0).forEach((stop) => stop());
    this.#stop();
    this.#setState('closed', null);
    forgetStream(this.#key);
  }

  #stop(): void {
    clearTimeout(this.#reconnectTimer);
    clearTimeout(this.#heartbeatTimer);
    clearTimeout(this.#graceTimer);
    this.#reconnectTimer = this.#heartbeatTimer = this.#graceTimer = undefined;
    this.#abort?.abort();
    this.#abort = undefined;
  }

  #setState(state: StreamState, error: LiveError | null, retryAt: number | null = null): void {
    this.state = state;
    this.error = error;
    this.retryAt = retryAt;
    updateStream(this.#key, { state, error, retryAt, listeners: this.listeners.size });
    for (const l of [...this.listeners]) l.state(state, error, retryAt);
  }

  #armHeartbeat(abort: AbortController): void {
    clearTimeout(this.#heartbeatTimer);
    this.#heartbeatTimer = setTimeout(() => {
      if (this.#abort !== abort) return;
      abort.abort();
      this.#drop(liveError('timeout', { source: this.#key, url: this.url, message: 'The stream went silent.' }));
    }, this.options.heartbeat);
  }

  async #connect(): Promise<void> {
    const abort = new AbortController();
    this.#abort = abort;
    if (this.#connections++ > 0) updateStream(this.#key, { reconnects: this.#connections - 1 });
    this.#setState('connecting', this.error);
    this.#armHeartbeat(abort);
    const facts = { source: this.#key, url: this.url, attempt: this.#failures + 1 };
    try {
      const headers = new Headers(await resolveHeaders(this.options.headers));
      headers.set('accept', 'text/event-stream');
      if (this.#parser.lastEventId) headers.set('last-event-id', headerValue(this.#parser.lastEventId));
      const res = await fetch(requestUrl(this.url, false), {
        headers,
        credentials: this.options.credentials,
        cache: 'no-store',
        signal: abort.signal,
      });
      if (this.#abort !== abort) return;
      const type = res.headers.get('content-type') ?? '';
      // As the standard says, only a 200 opens a stream (a 204 is the server's "stop"); unlike it,
      // 408, 429 and 5xx are tried again (see `nextTry`).
      if (res.status !== 200) {
        const stop = res.status === 204 ? 'The server asked the stream to stop (HTTP 204).' : undefined;
        return this.#drop(await answerError(res, facts, stop));
      }
      if (!/^text\/event-stream/i.test(type) || !res.body) {
        void res.body?.cancel().catch(() => {});
        return this.#fail(liveError('parse', { ...facts, status: res.status, message: `The stream answered with ${type || 'no content type'}, not text/event-stream.` }));
      }
      this.#failures = 0;
      this.#setState('open', null);
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (this.#abort !== abort) return;
        if (done) break;
        this.#armHeartbeat(abort);
        this.#bytes += value.byteLength;
        updateStream(this.#key, { bytes: this.#bytes });
        this.#parser.feed(value);
      }
      // The server closed the stream cleanly: come back, resuming from the last id.
      this.#drop(null);
    } catch (e) {
      if (this.#abort !== abort) return;
      this.#drop(liveError('network', { ...facts, message: `The stream broke: ${(e as Error)?.message ?? e}` }));
    }
  }

  /**
   * The connection is gone (`error` null: the server ended it cleanly). Whatever was not
   * dispatched is dropped; it reconnects after the policy's wait, or stops for good when
   * another try cannot help. As the standard says, a connection that opened and then ended or
   * broke waits the reconnection time (`retry:`); the backoff is for attempts that fail.
   */
  #drop(error: LiveError | null): void {
    const opened = this.state === 'open';
    this.#parser.end();
    clearTimeout(this.#heartbeatTimer);
    this.#abort = undefined;
    if (error && !opened) this.#failures++;
    const plan = nextTry(opened ? null : error, this.#failures, this.options.retry, { bounded: false, floor: this.#serverRetry });
    if (!plan.retry) return this.#fail(error!);
    this.#quietUntil = error?.retryAfter !== undefined ? deadline(plan.after) : null;
    this.#setState('connecting', error, Date.now() + plan.after);
    this.#reconnectTimer = setTimeout(() => void this.#connect(), plan.after);
  }

  /** The server said no for good: stop, say why, and let the sources poll. */
  #fail(error: LiveError): void {
    this.#stop();
    this.#setState('failed', error);
  }

  #reconnectNow(): void {
    this.#stop();
    void this.#connect();
  }

  #onHidden(): void {
    clearTimeout(this.#graceTimer);
    this.#graceTimer = setTimeout(() => {
      // Another tab of the group may still be visible and served by this one.
      if (this.state === 'failed' || this.options.hidden?.() === false) return;
      this.#paused = true;
      this.#stop();
      this.#setState('closed', null);
    }, this.options.grace);
  }

  #onShown(): void {
    clearTimeout(this.#graceTimer);
    if (!this.#paused) return;
    this.#paused = false;
    void this.#connect();
  }
}

const connections = shared('streamConnections', () => new Map<string, StreamConnection>());

/**
 * Listens to the stream at `url`: one connection per URL for the whole page, opened by the first
 * listener (whose headers and credentials it uses) and closed when the last one leaves.
 */
export function subscribeStream(url: string, options: StreamOptions, listener: StreamListener): StreamSubscription {
  const key = requestUrl(url, false);
  let connection = connections.get(key);
  const first = !connection;
  if (!connection) {
    connection = new StreamConnection(key, options);
    connections.set(key, connection);
  }
  connection.listeners.add(listener);
  updateStream(bareUrl(key), { listeners: connection.listeners.size });
  if (first) connection.open();
  else listener.state(connection.state, connection.error, connection.retryAt);
  return {
    get lastEventId() {
      return connection.lastEventId;
    },
    close() {
      if (!connection.listeners.delete(listener)) return;
      if (connection.listeners.size) return updateStream(bareUrl(key), { listeners: connection.listeners.size });
      connections.delete(key);
      connection.close();
    },
  };
}

/** Open connections, for diagnostics and leak tests. */
export function openStreams(): number {
  return connections.size;
}
