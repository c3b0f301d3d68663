// The reference server: serves the demo page and the bundle, and JSON endpoints that follow the
// server contract in the README (validators, 304s, CORS). Node's own http; WebSocket through the ws package.
import { createServer } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENDPOINTS, syncStatus } from './data.mjs';
import { WebSocketServer } from 'ws';
import { createHub } from './hub.mjs';
import { holdSubscribers } from './keeper.mjs';
import { createFaults } from './faults.mjs';
import { createAppCache, DEMO_TTLS, TTLS } from './app-cache.mjs';
import { crossSite, operatorRefusal, readKeys } from './operator.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
};
/** The documentation site's build (`npm run docs`), served under /docs/. */
const SITE = 'docs/.vitepress/dist';
/** Static files: the demo page at /, the built bundle under /dist. */
const STATIC = {
  '/': 'demo/index.html',
  '/index.html': 'demo/index.html',
  '/demo.css': 'demo/demo.css',
  '/demo.js': 'demo/demo.js',
  '/words.js': 'demo/words.js',
  // The plain HTML example, as a CMS page would paste it (the lifecycle tests open it in real tabs).
  '/examples/html/': 'examples/html/index.html',
  '/examples/html/index.html': 'examples/html/index.html',
};

/** A permanent redirect to `location` on this server. */
function redirect(res, location) {
  res.writeHead(301, { location });
  res.end();
}

/** `If-None-Match` holds this ETag (weak comparison, lists and `*` allowed). */
function etagMatches(header, etag) {
  if (!header) return false;
  const bare = (t) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
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
 * changes), retry (the `retry:` the stream sends, ms), keepAlive (ms between keep-alives on quiet
 * streams), demo (QA controls and the fault
 * switchboard under /api/_control/), publishTo (an SSE fan-out engine's publish URL, such as
 * Nchan's: every event is also POSTed there; a list for several nodes; see deploy/), holdOn (stream
 * URLs of the deployment's nodes: one subscriber is held on each, see demo/keeper.mjs), appCache
 * (the application's own cache in front of the endpoints: `{ ttls, redisUrl }`, see
 * demo/app-cache.mjs; off by default, so tests see each period's data), operatorToken (the token
 * that lets an operator warm and clear that cache; none: nobody can). Resolves with { url, server,
 * publish, faults, cache, close }.
 */
export async function startServer({
  port = 8080,
  host = '127.0.0.1',
  quiet = false,
  period = 5000,
  retry = 2000,
  keepAlive = 15_000,
  demo = false,
  publishTo = null,
  holdOn = [],
  appCache = null,
  operatorToken = null,
} = {}) {
  const started = Date.now();
  const log = quiet ? () => {} : (...a) => console.log(...a);
  const faults = createFaults();
  /** An endpoint's data as of now: the same within a period, and when it last changed. */
  const build = (name) => {
    const index = Math.floor(Date.now() / period);
    return { data: { ...ENDPOINTS[name](index), generatedAt: new Date(index * period).toISOString() }, changedAt: index * period };
  };
  // The cache builds as slowly as the fault switchboard says, as a slow query would. It starts
  // first: one that cannot (Redis unreachable) fails the start before anything else runs.
  const slowBuild = async (name) => (await faults.buildDelay(), build(name));
  const cache = appCache ? await createAppCache({ ttls: appCache.ttls, redisUrl: appCache.redisUrl, build: slowBuild, log }) : null;
  const hub = createHub({ retry, keepAlive, publishTo, log, muted: () => faults.silent() });
  const held = holdOn.length ? holdSubscribers(holdOn, { silence: 3 * keepAlive, log }) : null;
  /** A moment the sync jobs are pinned to (QA and tests), or null for now. */
  let syncAt = null;
  /** The API requests received, for tests that count what reaches the server (demo mode). */
  let requestLog = [];

  // Each period's new overview is pushed as it is; campaigns are invalidated, so clients refetch them.
  let tick;
  const next = () => {
    tick = setTimeout(
      () => {
        const index = Math.floor(Date.now() / period);
        hub.publish('overview', { ...ENDPOINTS.overview(index), generatedAt: new Date(index * period).toISOString() });
        hub.publish('invalidate', { sources: ['campaigns'] });
        next();
      },
      period - (Date.now() % period) + 5,
    );
    tick.unref();
  };
  next();

  function cors(req, res) {
    const origin = req.headers.origin;
    if (!origin) return;
    // Reflecting the origin (not `*`) lets hosts use `credentials: 'include'`.
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-allow-credentials', 'true');
    res.setHeader('access-control-expose-headers', 'etag, last-modified, retry-after, date, age, cache-status, allow, www-authenticate');
    res.setHeader('vary', 'origin');
  }

  function json(req, res, status, body, extra = {}) {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': TYPES['.json'], 'cache-control': 'no-cache', ...extra });
    res.end(req.method === 'HEAD' ? undefined : text);
  }

  /**
   * JSON with validators, answering 304 when they match; `changedAt` is when the data last changed,
   * `extra` more headers (the application cache's `Age` and `Cache-Status`).
   */
  function send(req, res, data, changedAt = Date.now(), extra = {}) {
    let body = JSON.stringify(data);
    if (faults.malformed()) body = body.slice(0, Math.ceil(body.length / 2));
    const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`;
    // HTTP dates have whole seconds: round down to one.
    const lastModified = new Date(Math.floor(changedAt / 1000) * 1000).toUTCString();
    const headers = { ...faults.caching({ etag, lastModified }), 'content-type': TYPES['.json'], ...extra, ...faults.headers() };
    const inm = req.headers['if-none-match'];
    const ims = Date.parse(req.headers['if-modified-since'] ?? '');
    // Only the validators this answer carries count (the `caching` fault may send none).
    const fresh = inm
      ? Boolean(headers.etag) && etagMatches(inm, etag)
      : Boolean(headers['last-modified']) && !Number.isNaN(ims) && ims >= Date.parse(headers['last-modified']);
    if (fresh) {
      res.writeHead(304, headers);
      return res.end();
    }
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  /** Whether every node of the deployment delivers the app's heartbeats to the subscriber held on it. */
  function nodesCheck(nodes) {
    const silent = nodes.filter((n) => !n.connected || Date.now() - n.lastHeartbeat >= 3 * keepAlive).map((n) => n.url);
    return silent.length
      ? { status: 'degraded', message: `Not delivering: ${silent.join(', ')}` }
      : { status: 'ok', message: `${nodes.length} stream nodes deliver` };
  }

  /** Health: degraded while a fault is switched on, with a check per part. */
  function health(req, res) {
    const f = faults.get();
    const faulty = f.status || f.errorRate || f.malformed || f.latency || f.age;
    const checks = {
      api: faulty ? { status: 'degraded', latencyMs: f.latency, message: 'Faults are switched on for QA.' } : { status: 'ok', latencyMs: f.latency },
      stream: f.refuseStreams
        ? { status: 'down', message: 'New streams are refused (QA fault).' }
        : { status: 'ok', latencyMs: 0, message: `${hub.sizes().sse} SSE, ${hub.sizes().websocket} WebSocket open` },
      ...(held && { nodes: nodesCheck(held.status()) }),
      sync: { status: syncStatus(syncAt ?? Date.now()).entities.some((e) => e.status === 'failed') ? 'degraded' : 'ok' },
    };
    const statuses = Object.values(checks).map((c) => c.status);
    const status = statuses.includes('down') ? 'down' : statuses.includes('degraded') ? 'degraded' : 'ok';
    json(req, res, 200, { status, checks, version: '0.1.0', uptimeS: Math.round((Date.now() - started) / 1000) });
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
        // Say what is really missing: the whole build, or one file of a build that is there.
        const built = await stat(join(root, 'dist/live-widgets.js')).then(
          () => true,
          () => false,
        );
        return json(req, res, 404, {
          error: built
            ? `No file ${path} in the build (dist/ holds live-widgets.js and its parts, cdn/, esm/, esm-dev/ and types/).`
            : 'The bundle is not built: run `npm run build` (npm start does it).',
        });
      }
      json(req, res, 404, { error: 'Not found' });
    }
  }

  /** A page or file of the documentation site: `x/` is `x/index.html`, `x` without an extension `x.html`. */
  async function site(req, res, path) {
    const built = await stat(join(root, SITE, 'index.html')).then(
      () => true,
      () => false,
    );
    if (!built) return json(req, res, 404, { error: 'The documentation site is not built: run `npm run docs` (npm start does it).' });
    const page = normalize(`${SITE}/${!path || path.endsWith('/') ? `${path}index.html` : extname(path) ? path : `${path}.html`}`);
    if (!page.startsWith(normalize(SITE) + sep)) return json(req, res, 403, { error: 'Forbidden' });
    return file(req, res, page);
  }

  /** For QA and tests, in demo mode: the fault switchboard, publish an event, cut every stream. */
  async function control(req, res, action) {
    try {
      if (action === 'faults') return json(req, res, 200, req.method === 'POST' ? faults.set(await readJson(req)) : faults.get());
      if (action === 'requests') {
        if (req.method === 'POST') requestLog = [];
        return json(req, res, 200, { requests: requestLog, streams: hub.size(), ...hub.sizes() });
      }
      if (req.method !== 'POST') return json(req, res, 405, { error: 'Method not allowed' }, { allow: 'POST' });
      if (action === 'publish') {
        const { event, data } = await readJson(req);
        if (typeof event !== 'string' || !event) return json(req, res, 400, { error: 'Give an event name and data.' });
        const id = hub.publish(event, data);
        // With a fan-out engine, answer once it has the event too (tests publish, then look).
        await hub.forwarded();
        return json(req, res, 202, { id });
      }
      if (action === 'drop-streams') return json(req, res, 202, { dropped: hub.drop() });
      if (action === 'close-sockets') {
        const { code, reason = '' } = await readJson(req);
        if (!Number.isInteger(code) || code < 1000 || code > 4999 || [1004, 1005, 1006, 1015].includes(code))
          return json(req, res, 400, { error: 'Give a close code a server may send.' });
        return json(req, res, 202, { closed: hub.closeSockets(code, String(reason).slice(0, 100)) });
      }
      if (action === 'sync') {
        const { at } = await readJson(req);
        syncAt = Number.isFinite(at) ? at : null;
        return json(req, res, 202, syncStatus(syncAt ?? Date.now()));
      }
      json(req, res, 404, { error: `No control ${action}` });
    } catch (e) {
      json(req, res, 400, { error: e.message });
    }
  }

  /**
   * A forced refresh rebuilds the cache's entry: the `_t` of the client's refresh (as Varnish and
   * nginx are set up in deploy/caches), or `Cache-Control: no-cache` from a client with no copy.
   * A conditional request is answered from the entry even with `no-cache`, which browsers add to
   * every fetch made with `cache: 'no-store'` (README: "Where we deliberately differ").
   */
  const forced = (req, url) =>
    !faults.ignoresRefresh() &&
    (url.searchParams.has('_t') ||
      (/\bno-cache\b/i.test(req.headers['cache-control'] ?? '') && !req.headers['if-none-match'] && !req.headers['if-modified-since']));

  /**
   * `POST /api/refresh/<endpoint>`: drops that endpoint's entry, so the next read rebuilds it (a
   * source's `purge`, for a cache that ignores a forced refresh). It does what a forced refresh
   * may, so anyone on the same site may; a page of another site may not.
   */
  async function refreshEntry(req, res, name) {
    if (crossSite(req)) return json(req, res, 403, { error: 'A request from another site may not refresh the cache.' });
    if (!Object.hasOwn(ENDPOINTS, name))
      return json(req, res, 404, { error: `No endpoint ${name}: the cache holds ${Object.keys(ENDPOINTS).sort().join(', ')}.` });
    try {
      json(req, res, 200, { cleared: cache ? await cache.clear([name]) : 0 });
    } catch (e) {
      json(req, res, 503, { error: `The cache's store did not answer: ${e.message}` }, { 'retry-after': '5' });
    }
  }

  /** The cache's status for anyone; warming and clearing it for the operator alone. */
  async function cacheControl(req, res, action, operation) {
    if (!cache) return json(req, res, 404, { error: 'This server runs without its application cache.' });
    try {
      await cacheAction(req, res, action, operation);
    } catch (e) {
      json(req, res, 503, { error: `The cache's store did not answer: ${e.message}` }, { 'retry-after': '5' });
    }
  }

  async function cacheAction(req, res, action, operation) {
    if (action === 'status') return json(req, res, 200, await cache.status());
    if (!operation) return json(req, res, 404, { error: `No cache action ${action}: status (GET), warm and clear (POST).` });
    const refusal = operatorRefusal(req, operatorToken);
    if (refusal) return json(req, res, refusal.status, { error: refusal.error }, refusal.headers);
    const keys = await readKeys(req, cache.keys);
    if (keys.error) return json(req, res, keys.status, { error: keys.error });
    if (operation === 'warm') {
      const warmed = await cache.warm(keys.keys);
      log(`app cache: warmed ${warmed.join(', ')}`);
      return json(req, res, 200, { warmed, status: await cache.status() });
    }
    const cleared = await cache.clear(keys.keys);
    log(`app cache: cleared ${keys.keys.join(', ')}`);
    // Every page that shows them refetches now, and rebuilds the entries.
    hub.publish('invalidate', { sources: keys.keys });
    return json(req, res, 200, { cleared, status: await cache.status() });
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
    if (demo && url.pathname.startsWith('/api/_control/')) return control(req, res, url.pathname.slice(14));
    const operation = /^\/api\/cache\/(warm|clear)$/.exec(url.pathname)?.[1];
    const refresh = /^\/api\/refresh\/(\w+)$/.exec(url.pathname)?.[1];
    if ((operation || refresh) && req.method !== 'POST')
      return json(req, res, 405, { error: `POST to ${operation ? `${operation} the cache` : `refresh ${refresh}`}.` }, { allow: 'POST' });
    if (!operation && !refresh && req.method !== 'GET' && req.method !== 'HEAD')
      return json(req, res, 405, { error: 'Method not allowed' }, { allow: 'GET, HEAD' });
    if (url.pathname === '/api/health') return health(req, res);
    if (url.pathname.startsWith('/api/')) {
      // `x-tab` names the asking tab in the cross-tab tests.
      if (demo) requestLog = [...requestLog.slice(-4999), { path: url.pathname, search: url.search, tab: req.headers['x-tab'] ?? null, at: Date.now() }];
      await faults.delay();
      const failure = faults.failure({ stream: url.pathname === '/api/stream' });
      if (failure) return json(req, res, failure.status, failure.body, failure.headers);
    }
    if (url.pathname === '/api/stream') return hub.connect(req, res, req.headers['last-event-id'] ?? url.searchParams.get('lastEventId'));
    if (url.pathname === '/api/sync/status') return send(req, res, syncStatus(syncAt ?? Date.now()));
    if (refresh) return refreshEntry(req, res, refresh);
    if (url.pathname.startsWith('/api/cache/')) return cacheControl(req, res, url.pathname.slice(11), operation);
    const [, around, name] = url.pathname.match(/^\/api\/(realtime\/)?(\w+)$/) ?? [];
    if (name && Object.hasOwn(ENDPOINTS, name)) {
      if (!cache || around) {
        const { data, changedAt } = build(name);
        return send(req, res, data, changedAt, cache ? { 'cache-status': `${cache.name}; fwd=bypass` } : {});
      }
      let answer;
      try {
        answer = await cache.read(name, { force: forced(req, url) });
      } catch (e) {
        // The cache's store is away (Redis down): answer from the source, and say so.
        log(`app cache: ${e.message}`);
        const { data, changedAt } = build(name);
        return send(req, res, data, changedAt, { 'cache-status': `${cache.name}; fwd=bypass; detail="unavailable"` });
      }
      return send(req, res, answer.entry.data, answer.entry.changedAt, answer.headers);
    }
    if (url.pathname.startsWith('/api/')) return json(req, res, 404, { error: `No endpoint ${url.pathname}` });
    if (url.pathname.startsWith('/dist/')) return file(req, res, url.pathname.slice(1));
    if (Object.hasOwn(STATIC, url.pathname)) return file(req, res, STATIC[url.pathname]);
    if (url.pathname === '/docs') return redirect(res, '/docs/');
    if (url.pathname.startsWith('/docs/')) return site(req, res, url.pathname.slice('/docs/'.length));
    json(req, res, 404, { error: 'Not found' });
  });

  // WebSocket subscribers on the stream's own URL (`ws://…/api/stream`), speaking `live-widgets`.
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    handleProtocols: (offered) => (offered.has('live-widgets') ? 'live-widgets' : false),
  });
  server.on('upgrade', async (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refuse = (status, text, headers = {}) => {
      const lines = Object.entries({ 'content-type': 'text/plain', connection: 'close', ...headers }).map(([k, v]) => `${k}: ${v}`);
      socket.end(`HTTP/1.1 ${status} ${text}\r\n${lines.join('\r\n')}\r\n\r\n${text}`);
    };
    if (url.pathname !== '/api/stream') return refuse(404, 'Not Found');
    const entry = demo ? { path: url.pathname, search: url.search, tab: null, at: Date.now(), websocket: true } : null;
    if (entry) requestLog = [...requestLog.slice(-4999), entry];
    if (faults.refusesSockets()) return refuse(403, 'Forbidden');
    await faults.delay();
    const failure = faults.failure({ stream: true });
    if (failure) return refuse(failure.status, 'Unavailable', failure.headers);
    // The names of the headers a socket's first message carried (never their values), for tests.
    sockets.handleUpgrade(req, socket, head, (ws) => hub.connectSocket(ws, (headers) => entry && (entry.auth = Object.keys(headers ?? {}))));
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
    faults,
    cache,
    close: () =>
      new Promise((resolve) => {
        void cache?.close();
        clearTimeout(tick);
        hub.close();
        held?.close();
        sockets.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  const demo = process.argv.includes('--demo');
  // Several nodes: PUBLISH_URL and HOLD_ON list their URLs, separated by commas.
  const list = (value) =>
    value
      ? value
          .split(',')
          .map((u) => u.trim())
          .filter(Boolean)
      : [];
  const publishTo = list(process.env.PUBLISH_URL);
  // The application's cache: on unless APP_CACHE=off; in Redis when REDIS_URL is set. Its
  // operator's token from OPERATOR_TOKEN, or, in demo mode, one made now and printed.
  const appCache = process.env.APP_CACHE === 'off' ? null : { ttls: demo ? DEMO_TTLS : TTLS, redisUrl: process.env.REDIS_URL || null };
  const operatorToken = process.env.OPERATOR_TOKEN || (demo && appCache ? randomBytes(12).toString('base64url') : null);
  const { server, cache } = await startServer({
    port: Number(process.env.PORT ?? 8080),
    host: process.env.HOST ?? '127.0.0.1',
    demo,
    publishTo: publishTo.length ? publishTo : null,
    holdOn: list(process.env.HOLD_ON),
    appCache,
    operatorToken,
  });
  if (cache)
    console.log(`Application cache: ${cache.store}${operatorToken && !process.env.OPERATOR_TOKEN ? `; operator token for this run: ${operatorToken}` : ''}.`);
  if (publishTo.length) console.log(`Events are also published to ${publishTo.join(', ')}.`);
  if (demo) console.log('Demo mode: QA controls and the fault switchboard are on under /api/_control/.');
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
}
