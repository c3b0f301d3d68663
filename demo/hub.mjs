// The push hub of the reference server: one numbered event log, served over Server-Sent Events
// and over WebSocket (the `live-widgets` subprotocol, see the README's server contract).

/** What a WebSocket subscriber may send: a frame larger than this, or unreadable, closes it. */
const MAX_FRAME = 16 * 1024;

/**
 * Every event gets an id and goes into a replay buffer, so a client that reconnects with its last
 * event id receives exactly what it missed, over either transport. With `publishTo`, each event
 * is also POSTed to a fan-out engine (Nchan: the event name in `X-EventSource-Event`, and in the
 * content type's `event` parameter for its WebSocket subscribers), in order, which then holds the
 * browsers' connections and their resume; a `heartbeat` event goes there every `keepAlive` too,
 * so its subscribers can tell a channel that delivers from one that only pings (deploy/README.md).
 * `muted()`: while true, open streams get nothing, not even keep-alives (the QA fault "silent").
 */
export function createHub({ retry, replay = 1000, keepAlive = 15_000, publishTo = null, muted = () => false, log = () => {} }) {
  const streams = new Set();
  /** WebSocket subscribers: socket → Map(source name → event name). */
  const sockets = new Map();
  const buffer = [];
  let nextId = 1;
  const ping = setInterval(() => {
    if (publishTo) forward('heartbeat', { at: Date.now() });
    if (muted()) return;
    streams.forEach((res) => res.write(': keep-alive\n\n'));
    sockets.forEach((_, ws) => send(ws, { type: 'ping' }));
  }, keepAlive);
  ping.unref();

  const send = (ws, frame) => ws.readyState === 1 && ws.send(JSON.stringify(frame));

  /** Whether a socket's sources want an event: their event name, or an invalidation naming them. */
  function wants(sources, entry, after = () => true) {
    for (const [name, { event, lastEventId }] of sources) {
      if (!after(lastEventId)) continue;
      if (entry.event === event) return true;
      if (entry.event === 'invalidate') {
        const named = entry.data?.sources;
        if (named === '*' || (Array.isArray(named) && named.includes(name))) return true;
      }
    }
    return false;
  }

  const frame = (entry) => ({ type: 'event', id: String(entry.id), event: entry.event, data: entry.data });

  function publish(event, data) {
    const id = nextId++;
    const entry = { id, event, data, text: `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n` };
    buffer.push(entry);
    if (buffer.length > replay) buffer.shift();
    if (!muted()) {
      streams.forEach((res) => res.write(entry.text));
      sockets.forEach((sources, ws) => wants(sources, entry) && send(ws, frame(entry)));
    }
    if (publishTo) forward(event, data);
    return id;
  }

  // One POST at a time, so the engine numbers the events in the order they happened. With several
  // nodes (`publishTo` a list), the first that takes it; a dead node is skipped, Redis carries the
  // event to the others.
  const targets = publishTo ? [publishTo].flat() : [];
  let forwarding = Promise.resolve();
  function forward(event, data) {
    forwarding = forwarding.then(async () => {
      for (const target of targets) {
        try {
          const res = await fetch(target, {
            method: 'POST',
            headers: { 'content-type': `application/json; event=${event}`, 'x-eventsource-event': event },
            body: JSON.stringify(data),
            signal: AbortSignal.timeout(5000),
          });
          await res.arrayBuffer();
          if (res.ok) return;
          log(`Publishing to ${target} answered ${res.status}`);
        } catch (e) {
          log(`Publishing to ${target} failed: ${e.message}`);
        }
      }
    });
  }

  /** The id as the log numbers them, or NaN for one it never gave. */
  const parseId = (id) => (typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : NaN);
  /** Whether `last` is older than the replay buffer reaches: the client missed too much to catch up. */
  const tooFarBehind = (last) => buffer.length > 0 && last < buffer[0].id - 1;

  /** An SSE subscriber: replays what it missed after `lastEventId`, then follows. */
  function connect(req, res, lastEventId) {
    req.socket.setNoDelay(true);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
    let head = `retry: ${retry}\n: connected\n\n`;
    const last = parseId(lastEventId);
    if (!Number.isNaN(last)) {
      // Too far behind for the replay buffer: tell the client to refetch everything.
      if (tooFarBehind(last)) head += `event: invalidate\ndata: {"sources":"*"}\n\n`;
      for (const { id, text } of buffer) if (id > last) head += text;
    } else {
      // A new client gets a place to resume from: an id with no data sets its last event ID (the
      // standard's dispatch does, without an event), so a cut before the next event loses nothing.
      // Before the first event that place is 0: a client that comes back with it gets them all.
      head += `id: ${nextId - 1}\n\n`;
    }
    res.write(head);
    streams.add(res);
    req.on('close', () => streams.delete(res));
  }

  /**
   * A WebSocket subscriber (`ws`, already upgraded). It says which sources it wants, and the last
   * event id each has seen: `{"type":"subscribe","sources":[{"name","event","lastEventId"}]}`;
   * `{"type":"unsubscribe","sources":[name]}` stops some. Credentials come with the upgrade's
   * cookies or a first `{"type":"auth","headers":{…}}` message (this server checks none).
   */
  function connectSocket(ws, onAuth = () => {}) {
    const sources = new Map();
    sockets.set(ws, sources);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', () => sockets.delete(ws));
    // Where it may resume from, should it be cut before any event: the newest id (0 before any).
    send(ws, { type: 'hello', retry, lastEventId: String(nextId - 1) });
    ws.on('message', (raw, binary) => {
      let message;
      try {
        if (binary || raw.length > MAX_FRAME) throw new Error('too large');
        message = JSON.parse(String(raw));
      } catch {
        return ws.close(1003, 'Send JSON text frames.');
      }
      if (message?.type === 'subscribe' && Array.isArray(message.sources)) return subscribe(ws, sources, message.sources);
      if (message?.type === 'unsubscribe' && Array.isArray(message.sources)) return message.sources.forEach((name) => sources.delete(name));
      if (message?.type === 'auth') return onAuth(message.headers);
      ws.close(1008, `Unknown message type ${JSON.stringify(message?.type)}.`);
    });
  }

  function subscribe(ws, sources, wanted) {
    const added = new Map();
    for (const s of wanted) {
      if (typeof s?.name !== 'string' || !s.name) continue;
      const entry = { event: typeof s.event === 'string' && s.event ? s.event : s.name, lastEventId: parseId(s.lastEventId) };
      sources.set(s.name, entry);
      added.set(s.name, entry);
    }
    // Each resuming source gets what it missed, once, in order; a source too far behind refetches.
    const behind = [...added].filter(([, s]) => tooFarBehind(s.lastEventId)).map(([name]) => name);
    if (behind.length) send(ws, { type: 'event', event: 'invalidate', data: { sources: behind } });
    for (const entry of buffer) {
      if (wants(added, entry, (last) => !Number.isNaN(last) && entry.id > last)) send(ws, frame(entry));
    }
  }

  return {
    publish,
    connect,
    connectSocket,
    /** Open streams, over both transports. */
    size: () => streams.size + sockets.size,
    sizes: () => ({ sse: streams.size, websocket: sockets.size }),
    /** Resolves once every event so far has been handed to the fan-out engine. */
    forwarded: () => forwarding,
    /** Cuts every open stream and socket, as a network failure would (no close frame). */
    drop: () => {
      const n = streams.size + sockets.size;
      streams.forEach((res) => res.destroy());
      streams.clear();
      sockets.forEach((_, ws) => ws.terminate());
      sockets.clear();
      return n;
    },
    /** Closes every socket with `code` and `reason`, as a server going away or refusing would. */
    closeSockets: (code, reason) => {
      const n = sockets.size;
      sockets.forEach((_, ws) => ws.close(code, reason));
      return n;
    },
    close: () => {
      clearInterval(ping);
      streams.forEach((res) => res.end());
      streams.clear();
      sockets.forEach((_, ws) => ws.close(1001, 'The server is going away.'));
      sockets.clear();
    },
  };
}
