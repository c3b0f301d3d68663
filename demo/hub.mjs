// The Server-Sent Events hub of the reference server.

/**
 * The Server-Sent Events hub: every event gets an id and goes into a replay buffer, so a client
 * that reconnects with `Last-Event-ID` receives exactly what it missed.
 */
export function createHub({ retry, replay = 1000, keepAlive = 15_000 }) {
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
    return id;
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
