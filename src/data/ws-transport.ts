import { liveError } from './errors.js';
import { isBusyStatus } from './retry.js';
import type { SseMessage } from './sse.js';
import type { Attempt, Ended, Link, WantedSource } from './transport.js';

/**
 * The subprotocols offered, in this order: Nchan's `ws+meta.nchan` (which must come first, or
 * Nchan refuses the handshake), then ours, `live-widgets`. The server picks one.
 */
export const SOCKET_PROTOCOLS = ['ws+meta.nchan', 'live-widgets'];

/**
 * One WebSocket connection. With `live-widgets` (see the README's server contract) it names the
 * sources it serves and the last event id each has seen in a `subscribe` message, sends the
 * `headers` option in a first `auth` message (never in the URL), and reads JSON frames. With
 * Nchan's `ws+meta.nchan` it reads Nchan's frames (headers, a blank line, the data; the event name
 * in the content type's `event` parameter). The last event id is also in the URL as
 * `last_event_id`, which is how Nchan resumes a socket; it is no secret.
 */
export function openSocket(link: Link): Attempt {
  const url = new URL(link.url);
  if (link.lastEventId) url.searchParams.set('last_event_id', link.lastEventId);
  let ws: WebSocket;
  try {
    ws = new WebSocket(url, SOCKET_PROTOCOLS);
  } catch (e) {
    return { ended: Promise.resolve({ error: liveError('parse', { ...link.facts, message: `The stream URL cannot be a socket: ${(e as Error).message}` }) }) };
  }
  /** Sources the server was told about. */
  const told = new Set<string>();
  const ours = () => ws.protocol !== 'ws+meta.nchan';
  const send = (message: object) => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify(message));
  const serve = (sources: readonly WantedSource[], lastEventId: string | null) => {
    if (ws.readyState !== WebSocket.OPEN || !ours()) return;
    const names = new Set(sources.map((s) => s.name));
    const gone = [...told].filter((name) => !names.has(name));
    const added = sources.filter((s) => !told.has(s.name));
    gone.forEach((name) => told.delete(name));
    added.forEach((s) => told.add(s.name));
    if (gone.length) send({ type: 'unsubscribe', sources: gone });
    if (added.length) send({ type: 'subscribe', sources: added.map((s) => ({ name: s.name, event: s.event, lastEventId })) });
  };

  const ended = new Promise<Ended>((resolve) => {
    let opened = false;
    const stop = () => ws.close(1000);
    link.signal.addEventListener('abort', stop);
    ws.onopen = () => {
      opened = true;
      link.opened();
      if (ours() && Object.keys(link.headers).length) send({ type: 'auth', headers: link.headers });
      // Every source resumes from the connection's last id; one that joins later starts from now.
      serve(link.sources, link.lastEventId || null);
    };
    ws.onmessage = (e: MessageEvent) => {
      if (typeof e.data !== 'string') return;
      link.bytes(e.data.length);
      link.alive();
      const message = ours() ? readFrame(e.data, link) : readNchanFrame(e.data, link.lastEventId);
      if (message) link.message(message);
    };
    const closed = ({ code, reason }: CloseEvent) => {
      link.signal.removeEventListener('abort', stop);
      resolve(socketClosed(code, reason, opened, link.facts));
    };
    ws.onclose = closed;
    // A socket that fails before it opens ends here: WebKitGTK fires no close event after this
    // error (the standard has one, 1006), and leaves the socket connecting for ever. (A close
    // event after it changes nothing: the attempt has ended.)
    ws.onerror = (e) => {
      if (opened) return;
      ws.close();
      // Never opened: its close code and reason are not read.
      closed(e as CloseEvent);
    };
  });
  return { ended, serve: (sources) => serve(sources, null) };
}

/** A `live-widgets` frame: an event becomes a message; `hello` carries the reconnection time. */
function readFrame(text: string, link: Link): SseMessage | null {
  let frame: { type?: unknown; id?: unknown; event?: unknown; data?: unknown; retry?: unknown; lastEventId?: unknown };
  try {
    frame = JSON.parse(text);
  } catch {
    return null;
  }
  if (frame?.type === 'hello') {
    if (Number.isInteger(frame.retry) && (frame.retry as number) >= 0) link.retry(frame.retry as number);
    // A place to resume from before any event came: the server's newest id.
    if (typeof frame.lastEventId === 'string' && !link.lastEventId) link.seen(frame.lastEventId);
  }
  if (frame?.type !== 'event' || typeof frame.event !== 'string') return null;
  const lastEventId = typeof frame.id === 'string' ? frame.id : link.lastEventId;
  return { type: frame.event, data: JSON.stringify(frame.data ?? null), lastEventId };
}

/** A `ws+meta.nchan` frame: `id:` and `content-type:` lines, a blank line, then the data. */
export function readNchanFrame(text: string, lastEventId: string): SseMessage | null {
  const split = text.indexOf('\n\n');
  if (split === -1) return null;
  const headers = new Map<string, string>();
  for (const line of text.slice(0, split).split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const event = /;\s*event="?([^";]+)"?/i.exec(headers.get('content-type') ?? '')?.[1];
  return { type: event ?? 'message', data: text.slice(split + 2), lastEventId: headers.get('id') ?? lastEventId };
}

/**
 * How a close ends the attempt. Clean closes (`1000`; `1001` going away and `1012` restarting,
 * which try another URL first) reconnect after the reconnection time; `1011`/`1014` are server
 * errors and `1013` "try again later" is busy, tried again with backoff; policy and protocol
 * closes (`1002`, `1003`, `1007`–`1010`) end the stream, as do `4000 + HTTP status` application
 * codes for statuses no retry mends (`4401`, `4403`, `4404`…); `4408`, `4429`, `45xx` are retried.
 * Anything else (`1006`: no close frame) is a network failure.
 */
export function socketClosed(code: number, reason: string, opened: boolean, facts: Link['facts']): Ended {
  if (!opened) return { error: liveError('network', { ...facts, message: 'The socket could not open.' }), unopened: true };
  if (code === 1000 || code === 1001 || code === 1012) return { error: null, moveOn: code !== 1000 };
  // The HTTP status a close stands for, where it stands for one; the retry policy decides from it.
  const status =
    code >= 4400 && code < 4600
      ? code - 4000
      : code === 1013
        ? 503
        : code === 1011
          ? 500
          : code === 1014
            ? 502
            : code > 1001 && code < 1011 && (code < 1004 || code > 1006)
              ? 400
              : 0;
  const message = `The socket closed (${code}${reason ? `: ${reason}` : ''}).`;
  if (!status) return { error: liveError('network', { ...facts, message }) };
  return { error: liveError(isBusyStatus(status) ? 'rate-limited' : 'http', { ...facts, status, message, detail: reason || undefined }) };
}
