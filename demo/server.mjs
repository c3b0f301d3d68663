// The reference server: serves the demo page and the bundle, and JSON endpoints that follow the
// server contract in the README (validators, 304s, CORS). Node's own http, no dependencies.
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};
/** Static files: the demo page at /, the built bundle under /dist. */
const STATIC = { '/': 'demo/index.html', '/index.html': 'demo/index.html', '/demo.css': 'demo/demo.css', '/demo.js': 'demo/demo.js' };

/** A small deterministic generator, so every client sees the same numbers in the same period. */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const CAMPAIGNS = ['Spring sale', 'Newsletter', 'Retargeting', 'Search brand', 'Partner referral'];

/** The data of each endpoint for one period: the same within it, new in the next. */
const ENDPOINTS = {
  overview(period) {
    const r = random(period);
    const visitors = 12000 + (period % 1000) * 7 + Math.floor(r() * 400);
    const conversion = 0.021 + r() * 0.012;
    return {
      visitors,
      revenue: Math.round(visitors * conversion * (38 + r() * 10) * 100) / 100,
      conversion: Math.round(conversion * 10000) / 10000,
      activeNow: 80 + Math.floor(r() * 60),
    };
  },
  campaigns(period) {
    const r = random(period * 31 + 7);
    return {
      campaigns: CAMPAIGNS.map((name, i) => ({
        id: i + 1,
        name,
        clicks: 1000 * (i + 1) + Math.floor(r() * 500) + (period % 500) * (i + 1),
        spend: Math.round((200 + r() * 800) * 100) / 100,
        ctr: Math.round((0.01 + r() * 0.05) * 10000) / 10000,
      })),
    };
  },
};

/** `If-None-Match` holds this ETag (weak comparison, lists and `*` allowed). */
function etagMatches(header, etag) {
  if (!header) return false;
  const bare = (t) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

/**
 * The Server-Sent Events hub: every event gets an id and goes into a replay buffer, so a client
 * that reconnects with `Last-Event-ID` receives exactly what it missed.
 */
function createHub({ retry, replay = 1000, keepAlive = 15_000 }) {
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

async function readJson(req, limit = 65_536) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > limit) throw new Error('Body too large');
  }
  return JSON.parse(body || '{}');
}

/**
 * Starts the server. Options: port (0 for any free one), host, quiet, period (ms between data
 * changes), retry (the `retry:` the stream sends, ms). Resolves with { url, server, publish, close }.
 */
export async function startServer({ port = 8080, host = '127.0.0.1', quiet = false, period = 5000, retry = 2000 } = {}) {
  const started = Date.now();
  const log = quiet ? () => {} : (...a) => console.log(...a);
  const hub = createHub({ retry });

  // Each period's new overview is pushed as it is; campaigns are invalidated, so clients refetch them.
  let tick;
  const next = () => {
    tick = setTimeout(() => {
      const index = Math.floor(Date.now() / period);
      hub.publish('overview', { ...ENDPOINTS.overview(index), generatedAt: new Date(index * period).toISOString() });
      hub.publish('invalidate', { sources: ['campaigns'] });
      next();
    }, period - (Date.now() % period) + 5);
    tick.unref();
  };
  next();

  function cors(req, res) {
    const origin = req.headers.origin;
    if (!origin) return;
    // Reflecting the origin (not `*`) lets hosts use `credentials: 'include'`.
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-allow-credentials', 'true');
    res.setHeader('access-control-expose-headers', 'etag, last-modified, retry-after, date');
    res.setHeader('vary', 'origin');
  }

  function json(req, res, status, body, extra = {}) {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': TYPES['.json'], 'cache-control': 'no-cache', ...extra });
    res.end(req.method === 'HEAD' ? undefined : text);
  }

  function api(req, res, name) {
    const now = Date.now();
    const index = Math.floor(now / period);
    const body = JSON.stringify({ ...ENDPOINTS[name](index), generatedAt: new Date(index * period).toISOString() });
    const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`;
    // HTTP dates have whole seconds: round the period's start down to one.
    const lastModified = new Date(Math.floor((index * period) / 1000) * 1000).toUTCString();
    const headers = { etag, 'last-modified': lastModified, 'cache-control': 'no-cache', 'content-type': TYPES['.json'] };
    const inm = req.headers['if-none-match'];
    const ims = Date.parse(req.headers['if-modified-since'] ?? '');
    const fresh = inm ? etagMatches(inm, etag) : !Number.isNaN(ims) && ims >= Date.parse(lastModified);
    if (fresh) {
      res.writeHead(304, headers);
      return res.end();
    }
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function file(req, res, path) {
    const full = normalize(join(root, path));
    if (!full.startsWith(root + sep) && full !== root) return json(req, res, 403, { error: 'Forbidden' });
    try {
      const info = await stat(full);
      if (!info.isFile()) throw new Error('not a file');
      const body = await readFile(full);
      res.writeHead(200, { 'content-type': TYPES[extname(full)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      if (path.startsWith('dist/')) {
        return json(req, res, 404, { error: 'The bundle is not built: run `npm run build` (npm start does it).' });
      }
      json(req, res, 404, { error: 'Not found' });
    }
  }

  /** For QA and tests: publish an event, or cut every stream. */
  async function control(req, res, action) {
    try {
      if (action === 'publish') {
        const { event, data } = await readJson(req);
        if (typeof event !== 'string' || !event) return json(req, res, 400, { error: 'Give an event name and data.' });
        return json(req, res, 202, { id: hub.publish(event, data) });
      }
      if (action === 'drop-streams') return json(req, res, 202, { dropped: hub.drop() });
      json(req, res, 404, { error: `No control ${action}` });
    } catch (e) {
      json(req, res, 400, { error: e.message });
    }
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    cors(req, res);
    if (req.method === 'OPTIONS') {
      res.setHeader('access-control-allow-methods', 'GET, HEAD, POST, OPTIONS');
      res.setHeader('access-control-allow-headers', req.headers['access-control-request-headers'] ?? '*');
      res.setHeader('access-control-max-age', '600');
      res.writeHead(204);
      return res.end();
    }
    if (req.method === 'POST' && url.pathname.startsWith('/api/_control/')) return control(req, res, url.pathname.slice(14));
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(req, res, 405, { error: 'Method not allowed' }, { allow: 'GET, HEAD' });
    if (url.pathname === '/api/stream') return hub.connect(req, res, req.headers['last-event-id'] ?? url.searchParams.get('lastEventId'));
    const name = url.pathname.match(/^\/api\/(\w+)$/)?.[1];
    if (name && Object.hasOwn(ENDPOINTS, name)) return api(req, res, name);
    if (url.pathname === '/api/health') {
      return json(req, res, 200, {
        status: 'ok',
        checks: { data: { status: 'ok', latencyMs: 0 } },
        version: '0.1.0',
        uptimeS: Math.round((Date.now() - started) / 1000),
      });
    }
    if (url.pathname.startsWith('/api/')) return json(req, res, 404, { error: `No endpoint ${url.pathname}` });
    if (url.pathname.startsWith('/dist/')) return file(req, res, url.pathname.slice(1));
    if (Object.hasOwn(STATIC, url.pathname)) return file(req, res, STATIC[url.pathname]);
    json(req, res, 404, { error: 'Not found' });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  log(`live-widgets reference server on ${url}`);
  return {
    url,
    server,
    publish: hub.publish,
    close: () =>
      new Promise((resolve) => {
        clearTimeout(tick);
        hub.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  const { server } = await startServer({ port: Number(process.env.PORT ?? 8080), host: process.env.HOST ?? '127.0.0.1' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
}
