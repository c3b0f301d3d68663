// Holds one Server-Sent Events subscriber on each node of an Nchan deployment, for as long as the
// app runs. A node with a subscriber never drops its channel, which avoids an Nchan defect: a
// browser that subscribes while its node drops an idle channel (about 30 s after the node's last
// subscriber left) can get nothing at all but pings (deploy/README.md). Each hold also watches
// the app's own `heartbeat` events arrive through the node, which is what `/api/health` reports.
// A hold that opened but got no heartbeat at all waits longer each time before the next (1 s, 2 s,
// 4 s … up to `rest`): a channel already stuck on its node is then left idle long enough for the
// node to drop it, and the next hold makes it anew, where reconnecting every second would keep the
// stuck channel alive for ever. A heartbeat, or a node that refused (nothing to keep alive there),
// starts the waits from 1 s again.

/**
 * Keeps a subscriber on each of `urls`; `silence` (ms) without a heartbeat makes it reconnect,
 * after a wait that doubles while holds get no heartbeat, up to `rest` (ms; longer than the nodes'
 * `nchan_redis_idle_channel_cache_timeout`). Returns { status(), close() }; status() lists each
 * node with whether it delivers.
 */
export function holdSubscribers(urls, { silence = 45_000, rest = 60_000, log = () => {} } = {}) {
  const nodes = urls.map((url) => ({ url, connected: false, lastHeartbeat: 0, abort: null, closed: false, wait: 1000 }));

  async function hold(node) {
    while (!node.closed) {
      node.abort = new AbortController();
      let watchdog;
      const feed = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => node.abort.abort(), silence);
      };
      let opened = false;
      let heard = false;
      try {
        feed();
        const res = await fetch(node.url, { headers: { accept: 'text/event-stream' }, signal: node.abort.signal });
        if (res.status !== 200 || !res.body) throw new Error(`answered ${res.status}`);
        node.connected = opened = true;
        const decoder = new TextDecoder();
        for await (const chunk of res.body) {
          if (decoder.decode(chunk, { stream: true }).includes('event: heartbeat')) {
            node.lastHeartbeat = Date.now();
            heard = true;
            feed();
          }
        }
      } catch (e) {
        if (!node.closed) log(`Holding a subscriber on ${node.url}: ${e.message}`);
      } finally {
        clearTimeout(watchdog);
        node.connected = false;
      }
      if (heard || !opened) node.wait = 1000;
      if (!node.closed) await new Promise((resolve) => setTimeout(resolve, node.wait));
      if (opened && !heard) node.wait = Math.min(node.wait * 2, rest);
    }
  }
  nodes.forEach((node) => void hold(node));

  return {
    status: () => nodes.map(({ url, connected, lastHeartbeat }) => ({ url, connected, lastHeartbeat: lastHeartbeat || null })),
    close() {
      for (const node of nodes) {
        node.closed = true;
        node.abort?.abort();
      }
    },
  };
}
