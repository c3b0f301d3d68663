import { deadline, remaining, type Deadline } from './clock.js';
import { bareUrl, liveError, type LiveError } from './errors.js';
import { resolveHeaders, type StreamTransport } from './options.js';
import { isHidden, onOnline, onVisibilityChange } from './page.js';
import { nextTry } from './retry.js';
import { openSse } from './sse-transport.js';
import type { StreamListener, StreamOptions } from './stream.js';
import { candidates, type Attempt, type Candidate, type Link } from './transport.js';
import { openSocket } from './ws-transport.js';
import { updateStream, forgetStream, type StreamState } from './stream-store.js';

type Timer = ReturnType<typeof setTimeout> | undefined;

/**
 * One stream for the whole page, shared by every source that listens to its URLs: Server-Sent
 * Events or a WebSocket (`transport.ts` lists the ways to try, `sse-transport.ts` and
 * `ws-transport.ts` speak them). This class owns what is the same for both: resuming from the
 * last event id, the heartbeat, reconnecting under the one retry policy, trying the next way when
 * one cannot open, the bound on reconnections, and closing while every tab is hidden.
 *
 * Reconnecting goes in rounds: an attempt that does not open moves on to the next way (a socket
 * to Server-Sent Events on the same URL, one node to the next) at once; when a whole round failed,
 * the next waits the backoff and counts as one failure. A stream that was open and broke tries the
 * way that worked first, after the server's reconnection time, as the standard says.
 */
export class StreamConnection {
  readonly listeners = new Set<StreamListener>();
  state: StreamState = 'closed';
  error: LiveError | null = null;
  retryAt: number | null = null;
  #key: string;
  #ways: Candidate[];
  /** The way tried now, and the one the current round started from. */
  #at = 0;
  #roundStart = 0;
  #lastEventId: string;
  /** The server's `retry:`: the least wait before reconnecting. */
  #serverRetry = 0;
  /** The server asked for no reconnection before this (its Retry-After). */
  #quietUntil: Deadline | null = null;
  /** Rounds that failed in a row (an attempt that opened resets it). */
  #failures = 0;
  #connections = 0;
  #events = 0;
  #bytes = 0;
  #abort: AbortController | undefined;
  #attempt: Attempt | undefined;
  #reconnectTimer: Timer;
  #heartbeatTimer: Timer;
  #graceTimer: Timer;
  #paused = false;
  #unlisten: (() => void)[] = [];

  constructor(
    urls: readonly string[],
    readonly options: StreamOptions,
  ) {
    this.#ways = candidates(urls, options.transport ?? 'auto');
    this.#key = streamKey(urls, options.transport);
    this.#lastEventId = options.lastEventId ?? '';
  }

  get lastEventId(): string {
    return this.#lastEventId;
  }

  /** The listeners changed: a socket tells its server which sources it serves now. */
  served(): void {
    this.#attempt?.serve?.([...this.listeners]);
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
    this.#abort = this.#attempt = undefined;
  }

  #setState(state: StreamState, error: LiveError | null, retryAt: number | null = null): void {
    this.state = state;
    this.error = error;
    this.retryAt = retryAt;
    updateStream(this.#key, { state, error, retryAt, listeners: this.listeners.size });
    for (const l of [...this.listeners]) l.state(state, error, retryAt);
  }

  /** Reconnects when the application sent nothing for `heartbeat` (a transport's own pings do not count). */
  #armHeartbeat(abort: AbortController): void {
    clearTimeout(this.#heartbeatTimer);
    this.#heartbeatTimer = setTimeout(() => {
      if (this.#abort !== abort) return;
      const opened = this.state === 'open';
      abort.abort();
      const error = liveError('timeout', {
        source: this.#key,
        url: this.#ways[this.#at]!.url,
        message: opened ? 'The stream went silent.' : 'The stream did not open in time.',
      });
      this.#ended({ error, unopened: !opened });
    }, this.options.heartbeat);
  }

  async #connect(): Promise<void> {
    const abort = new AbortController();
    this.#abort = abort;
    const way = this.#ways[this.#at]!;
    if (this.#connections++ > 0) updateStream(this.#key, { reconnects: this.#connections - 1 });
    updateStream(this.#key, { transport: way.transport, url: bareUrl(way.url) });
    this.#setState('connecting', this.error);
    this.#armHeartbeat(abort);
    const live = () => this.#abort === abort;
    let headers: Record<string, string>;
    try {
      headers = await resolveHeaders(this.options.headers);
    } catch (e) {
      // The host's headers function failed (a token it could not get): tried again, like the network.
      const error = liveError('network', { source: this.#key, url: way.url, message: `The stream's headers could not be made: ${(e as Error)?.message ?? e}` });
      return void (live() && this.#ended({ error, unopened: true }));
    }
    if (!live()) return;
    const listeners = this.listeners;
    const last = () => this.#lastEventId;
    const link: Link = {
      url: way.url,
      get lastEventId() {
        return last();
      },
      headers,
      credentials: this.options.credentials,
      signal: abort.signal,
      facts: { source: this.#key, url: way.url, attempt: this.#failures + 1 },
      get sources() {
        return [...listeners];
      },
      opened: () => {
        if (!live()) return;
        this.#failures = 0;
        this.#roundStart = this.#at;
        this.#setState('open', null);
      },
      alive: () => live() && this.#armHeartbeat(abort),
      message: (m) => {
        if (!live()) return;
        this.#lastEventId = m.lastEventId;
        this.#events++;
        updateStream(this.#key, { events: this.#events, lastEventId: m.lastEventId });
        for (const l of [...this.listeners]) l.message(m);
      },
      seen: (id) => {
        if (!live() || id === this.#lastEventId) return;
        this.#lastEventId = id;
        for (const l of [...this.listeners]) l.seen();
      },
      retry: (ms) => void (live() && (this.#serverRetry = ms)),
      bytes: (n) => {
        if (!live()) return;
        this.#bytes += n;
        updateStream(this.#key, { bytes: this.#bytes });
      },
    };
    const attempt = way.transport === 'websocket' ? openSocket(link) : openSse(link);
    this.#attempt = attempt;
    const ended = await attempt.ended;
    if (live()) this.#ended(ended);
  }

  /**
   * The attempt is over (`error` null: the server ended it cleanly). It reconnects after the
   * policy's wait, or stops for good when another try cannot help or the bound is reached. A
   * connection that opened and then ended or broke waits the reconnection time (`retry:`).
   */
  #ended({ error, unopened, moveOn }: { error: LiveError | null; unopened?: boolean | undefined; moveOn?: boolean | undefined }): void {
    const opened = this.state === 'open';
    clearTimeout(this.#heartbeatTimer);
    this.#abort?.abort();
    this.#abort = this.#attempt = undefined;
    const next = (this.#at + 1) % this.#ways.length;
    if (moveOn) this.#at = this.#roundStart = next;
    // A way that did not open: the round goes on with the next one, at once.
    if (!opened && error && next !== this.#roundStart && (unopened || error.kind === 'network' || error.kind === 'timeout')) {
      this.#at = next;
      return void this.#connect();
    }
    // A break of an open stream (the network, silence) waits the reconnection time alone; an
    // attempt that failed, or a server that said busy or no (a socket's close code), is a failure.
    const failed = !!error && (!opened || (error.kind !== 'network' && error.kind !== 'timeout'));
    if (failed) {
      this.#failures++;
      this.#at = this.#roundStart;
    }
    const plan = nextTry(failed ? error : null, this.#failures, this.options.retry, { bounded: false, floor: this.#serverRetry });
    if (!plan.retry) return this.#fail(error!);
    if (this.#failures > (this.options.reconnects ?? Infinity)) {
      return this.#fail(liveError(error!.kind, { ...error!, message: `${error!.message} Gave up after ${this.#failures} failed reconnections.` }));
    }
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

/**
 * How diagnostics name a connection: its URLs (without queries), each with the scheme of the
 * transport tried first, so a socket and an SSE stream on the same path are told apart.
 */
export function streamKey(urls: readonly string[], transport: StreamTransport = 'auto'): string {
  return urls.map((url) => bareUrl(candidates([url], transport)[0]!.url)).join(' ');
}
