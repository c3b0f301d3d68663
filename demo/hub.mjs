// The Server-Sent Events hub of the reference server.

/**
 * The Server-Sent Events hub: every event gets an id and goes into a replay buffer, so a client
 * that reconnects with `Last-Event-ID` receives exactly what it missed. With `publishTo`, each
 * event is also POSTed to a fan-out engine (Nchan: the event name in `X-EventSource-Event`), in
 * order, which then holds the browsers' connections and their resume.
 */
export function createHub({ retry, replay = 1000, keepAlive = 15_000, publishTo = null, log = () => {} }) {
  const clients = new Set();
  const buffer = [];
  let nextId = 1;
  const ping = setInterval(() => clients.forEach((res) => res.write(': keep-alive\n\n')), keepAlive);
  ping.unref();

  function publish(event, data) {
    const id = nextId++;
    const text = `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    buffer.push({ id, text });
    if (buffer.length > replay) buffer.shift();
    clients.forEach((res) => res.write(text));
    if (publishTo) forward(event, data);
    return id;
  }

  // One POST at a time, so the engine numbers the events in the order they happened.
  let forwarding = Promise.resolve();
  function forward(event, data) {
    forwarding = forwarding.then(async () => {
      try {
        const res = await fetch(publishTo, { method: 'POST', headers: { 'content-type': 'application/json', 'x-eventsource-event': event }, body: JSON.stringify(data) });
        await res.arrayBuffer();
        if (!res.ok) log(`Publishing to ${publishTo} answered ${res.status}`);
      } catch (e) {
        log(`Publishing to ${publishTo} failed: ${e.message}`);
      }
    });
  }

  function connect(req, res, lastEventId) {
    req.socket.setNoDelay(true);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
    let head = `retry: ${retry}\n: connected\n\n`;
    const last = Number(lastEventId);
    if (lastEventId && Number.isInteger(last)) {
      if (buffer.length && last < buffer[0].id - 1) {
        // Too far behind for the replay buffer: tell the client to refetch everything.
        head += `event: invalidate\ndata: {"sources":"*"}\n\n`;
      }
      for (const { id, text } of buffer) if (id > last) head += text;
    }
    res.write(head);
    clients.add(res);
    req.on('close', () => clients.delete(res));
  }

  return {
    publish,
    connect,
    size: () => clients.size,
    /** Resolves once every event so far has been handed to the fan-out engine. */
    forwarded: () => forwarding,
    /** Cuts every open stream, as a network failure would. */
    drop: () => {
      const n = clients.size;
      clients.forEach((res) => res.destroy());
      clients.clear();
      return n;
    },
    close: () => {
      clearInterval(ping);
      clients.forEach((res) => res.end());
      clients.clear();
    },
  };
}
