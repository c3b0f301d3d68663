// Browser tests in a real Chromium (Debian's, or CHROME_PATH), with msw's worker served at the root
// and the reference server running on loopback for the integration tests.
import { readFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { createRequire } from 'node:module';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { startServer } from './demo/server.mjs';
import { cuttableRelay, freePort, nchanMissing, redisMissing, startNchan, startRedis } from './deploy/nchan/start.mjs';
import { proxyCacheMissing, startProxyCache, startVarnish, varnishMissing } from './deploy/caches/start.mjs';
import { FIREFOX_SCENARIOS, launch as launchTabs, launchFirefox as launchFirefoxTabs, scenarios as lifecycle } from './test/lifecycle/tabs.mjs';
import { check as checkPage, operatorWalk, stop as stopPages } from './test/demo/pages.mjs';
import { breakIt, editExample, readmeLinks, search, siteMap, sitePage, stop as stopSite } from './test/docs/site.mjs';
import { engines, LAUNCHERS, NODE_DRIVEN, stop as stopEngines, version } from './test/engines.mjs';

const require = createRequire(import.meta.url);

// The engines: Chromium alone unless ENGINES names others (test/engines.mjs; issue 23 makes all three the default).
const ENGINES = engines(process.env.ENGINES ?? 'chromium');
const workerPath = require.resolve('msw/mockServiceWorker.js');
const reference = await startServer({ port: 0, host: '127.0.0.1', quiet: true, retry: 250, keepAlive: 1000, demo: true });

/**
 * A shared cache of deploy/caches, where it is installed: a reference server of its own, a gate
 * between the cache and it that the tests can shut (the app going down, for the cache), and the
 * cache with its config as shipped in front of the gate. Else the reason it is missing; installed
 * but not starting is a failure to see, not a skip.
 */
async function cacheDeployment(missing, start) {
  if (missing) return { skip: missing };
  const opened = [];
  try {
    // New data every second: a forced refresh a second after a copy was kept brings other data.
    const app = await startServer({ port: 0, quiet: true, demo: true, period: 1000 });
    opened.push(app);
    const gate = await cuttableRelay(Number(new URL(app.url).port));
    opened.push(gate);
    const cache = await start({ app: new URL(gate.url).host });
    return { url: cache.url, app: app.url, gate, purge: cache.purge, close: () => Promise.all([cache.close(), gate.close(), app.close()]) };
  } catch (e) {
    await Promise.all(opened.map((o) => o.close()));
    return { error: e.message };
  }
}
// Started now, beside the Nchan deployments below, and awaited after them (this never rejects).
const cachesStarting = Promise.all([cacheDeployment(varnishMissing(), startVarnish), cacheDeployment(proxyCacheMissing(), startProxyCache)]).then(
  ([varnish, nginx]) => ({ varnish, nginx }),
);

/**
 * The deployment of deploy/nchan, where nginx is installed: an app (the reference server) that
 * publishes to Nchan, nginx with the config as shipped, and a relay the tests can cut. Else the
 * reason it is missing, which the Nchan tests name when they skip.
 */
async function nchanDeployment() {
  const missing = nchanMissing();
  if (missing) return { skip: missing };
  const port = await freePort();
  const app = await startServer({ port: 0, quiet: true, demo: true, period: 3_600_000, publishTo: `http://127.0.0.1:${port}/internal/publish` });
  try {
    const engine = await startNchan({ app: new URL(app.url).host, port });
    const relay = await cuttableRelay(port);
    return { url: relay.url, app: app.url, relay, close: () => Promise.all([relay.close(), engine.close(), app.close()]) };
  } catch (e) {
    await app.close();
    // Installed but not starting is a failure to see, not a skip.
    return { error: e.message };
  }
}
const nchan = await nchanDeployment();

/**
 * Two Nchan nodes sharing one Redis, as deploy/README.md's "Several nodes" runs them: the app
 * publishes to the first node that takes it and holds a subscriber on each; node 2 drops an idle
 * channel after 2 s instead of 30 (the Nchan defect's window, made short to test). The app's
 * heartbeat goes every second. Tests kill and revive nodes through /__cluster/.
 */
async function nchanCluster() {
  const missing = nchanMissing() ?? redisMissing();
  if (missing) return { skip: missing };
  const redis = await startRedis().catch((e) => ({ error: e.message }));
  if (redis.error) return redis;
  const ports = [await freePort(), await freePort()];
  const streams = ports.map((port) => `http://127.0.0.1:${port}/api/stream`);
  const app = await startServer({
    port: 0,
    quiet: true,
    demo: true,
    period: 3_600_000,
    keepAlive: 1000,
    publishTo: ports.map((port) => `http://127.0.0.1:${port}/internal/publish`),
    holdOn: streams,
  });
  const start = (i) => startNchan({ app: new URL(app.url).host, port: ports[i], redis: redis.url, idleTimeout: i === 1 ? 2 : null });
  try {
    const nodes = [await start(0), await start(1)];
    return {
      nodes: ports.map((port) => `http://127.0.0.1:${port}`),
      app: app.url,
      kill: (i) => nodes[i].kill(),
      revive: async (i) => void (nodes[i] = await start(i)),
      close: () => Promise.all([...nodes.map((n) => n.close()), app.close()]).then(() => redis.close()),
    };
  } catch (e) {
    await Promise.all([app.close(), redis.close()]);
    return { error: e.message };
  }
}
const cluster = await nchanCluster();
const caches = await cachesStarting;

/** /__cluster/kill?node=i and /__cluster/revive?node=i: a node's sudden death, and its return. */
const clusterControl = {
  name: 'cluster-control',
  async serve(context) {
    if (!cluster.nodes || !context.path.startsWith('/__cluster/')) return;
    const i = Number(context.query.node);
    if (context.path === '/__cluster/kill') await cluster.kill(i);
    else if (context.path === '/__cluster/revive') await cluster.revive(i);
    else return;
    return { body: JSON.stringify({ done: context.path, node: i }), type: 'json' };
  },
};

/** /__nchan/cut[?hold] and /__nchan/release: the Nchan tests' hand on the network. */
const nchanControl = {
  name: 'nchan-control',
  serve(context) {
    if (!nchan.relay || !context.path.startsWith('/__nchan/')) return;
    if (context.path === '/__nchan/cut') return { body: JSON.stringify({ cut: nchan.relay.cut({ hold: context.query.hold !== undefined }) }), type: 'json' };
    if (context.path === '/__nchan/release') return { body: JSON.stringify({ released: nchan.relay.release() }), type: 'json' };
  },
};

/**
 * /__caches/origin-down?cache=varnish|nginx and /__caches/origin-up?cache=…: the gate before that
 * cache's app refuses new connections (and cuts open ones), as a stopped server, or lets them
 * through again. /__caches/purge?cache=…: empties that cache, stale copies included.
 */
const cachesControl = {
  name: 'caches-control',
  async serve(context) {
    const cache = caches[context.query.cache];
    if (!cache?.url || !context.path.startsWith('/__caches/')) return;
    if (context.path === '/__caches/origin-down') return { body: JSON.stringify({ cut: cache.gate.cut({ refuse: true }) }), type: 'json' };
    if (context.path === '/__caches/origin-up') return { body: JSON.stringify({ released: cache.gate.release() }), type: 'json' };
    if (context.path === '/__caches/purge') {
      await cache.purge();
      return { body: JSON.stringify({ purged: context.query.cache }), type: 'json' };
    }
  },
};

/** Serves msw's worker at /mockServiceWorker.js so its scope covers the test pages. */
const mswWorker = {
  name: 'msw-worker',
  async serve(context) {
    if (context.path === '/mockServiceWorker.js') {
      return { body: await readFile(workerPath, 'utf8'), type: 'js' };
    }
  },
};

/**
 * /__sse/last-event-id: web-platform-tests' eventsource/resources/last-event-id, with a real HTTP
 * server. Without `Last-Event-ID` it sends `id: …☃` and "hello" (JSON); with one, it sends back the
 * id it received, read as UTF-8. Each answer ends, so the client reconnects (after `retry: 50`).
 */
const sseLastEventId = {
  name: 'sse-last-event-id',
  serve(context) {
    if (context.path !== '/__sse/last-event-id') return;
    const raw = context.request.headers['last-event-id'];
    // The bytes of the header as they came, for a test to learn what its engine sends.
    if (context.query.echo !== undefined) return { body: JSON.stringify({ bytes: Buffer.from(raw ?? '', 'latin1').toString('hex') }), type: 'json' };
    const id = raw === undefined ? undefined : Buffer.from(raw, 'latin1').toString('utf8');
    const body = id === undefined ? 'id: …☃\nretry: 50\ndata: "hello"\n\n' : `data: ${JSON.stringify(id)}\n\n`;
    return { body, type: 'text/event-stream', headers: { 'cache-control': 'no-store' } };
  },
};

/**
 * `executeServerCommand('lifecycle', { name })`: runs a page-lifecycle scenario of
 * test/lifecycle/tabs.mjs in a Chromium of its own (with the back/forward cache on), or, in the
 * Firefox run, in a Firefox of its own where the scenario needs no CDP, against the reference
 * server, and returns what it measured; `{ unsupported }` says why a scenario cannot run here.
 */
let tabs;
const lifecycleScenarios = {
  name: 'lifecycle',
  async executeCommand({ command, payload }) {
    if (command !== 'lifecycle') return undefined;
    // Chromium's run plays them in a Chromium; Firefox's, those it can, in a Firefox.
    const engine = ENGINES.includes('chromium') ? 'chromium' : ENGINES[0];
    const firefox = engine === 'firefox';
    if (engine === 'webkit') return { unsupported: 'WebKitWebDriver starts one browser per session, whose windows share no locks' };
    if (firefox && !FIREFOX_SCENARIOS.includes(payload.name))
      return { unsupported: 'it needs CDP (a crash, a freeze) or the back/forward cache a runner-free Chromium keeps' };
    // A server of their own that publishes nothing by itself: the scenarios' events are the only ones.
    tabs ??= Promise.all([
      firefox ? launchFirefoxTabs() : launchTabs(),
      startServer({ port: 0, host: '127.0.0.1', quiet: true, demo: true, period: 3_600_000 }),
    ]);
    const [browser, server] = await tabs;
    try {
      return await lifecycle[payload.name](browser, server.url);
    } finally {
      await browser.closeTabs();
    }
  },
  async serverStop() {
    const [browser, server] = (await tabs) ?? [];
    await Promise.all([browser?.close(), server?.close()]);
  },
};

/**
 * `executeServerCommand('fresh-server')`: starts a reference server that has published nothing
 * yet (and publishes nothing by itself), and returns its URL; `{ close: url }` stops it. With
 * `{ appCache: { ttls, redis }, operatorToken }`, its application cache: in memory, in the
 * runner's one Redis (`redis: true`), or in a Redis of its own (`redis: 'own'`) that
 * `{ stopRedis: url }` stops; `redis: 'unreachable'` returns how the start failed (`{ error }`).
 * `{ fetch: { url, init } }` makes a request from Node (headers no page may set).
 */
const freshServers = new Map();
/** The Redis of the fresh servers that keep their cache in one, started when first asked. */
let freshRedis;
/** A Redis of a server's own (`redis: 'own'`), by the server's URL: a test can stop it. */
const ownRedis = new Map();
const freshServer = {
  name: 'fresh-server',
  async executeCommand({ command, payload }) {
    if (command !== 'fresh-server') return undefined;
    if (payload?.close) {
      await freshServers.get(payload.close)?.close();
      freshServers.delete(payload.close);
      await ownRedis.get(payload.close)?.close();
      ownRedis.delete(payload.close);
      return true;
    }
    // Why Redis cannot run here (the tests of a cache in Redis skip with it), or false.
    if (payload?.redisMissing) return redisMissing() ?? false;
    // A request made from Node, with headers no page may set (an Origin without Sec-Fetch-Site, as
    // browsers before it send): its status and JSON.
    if (payload?.fetch) {
      const res = await fetch(payload.fetch.url, payload.fetch.init);
      return { status: res.status, body: await res.json().catch(() => null) };
    }
    // The Redis a server was given of its own goes away (the server stays).
    if (payload?.stopRedis) {
      await ownRedis.get(payload.stopRedis)?.close();
      return true;
    }
    // With the application cache when asked: in memory, or in the runner's one Redis, shared by
    // every server that asks for it (test/integration/app-cache.test.ts).
    const { appCache, operatorToken = null } = payload ?? {};
    const own = appCache?.redis === 'own' ? await startRedis() : null;
    // `redis: 'unreachable'`: a Redis URL nothing listens on (port 9, discard); the start fails, and says why.
    const nowhere = appCache?.redis === 'unreachable' ? 'redis://127.0.0.1:9' : null;
    const redisUrl = nowhere ?? own?.url ?? (appCache?.redis ? (await (freshRedis ??= startRedis())).url : null);
    const start = startServer({
      port: 0,
      host: '127.0.0.1',
      quiet: true,
      demo: true,
      period: 3_600_000,
      appCache: appCache && { ttls: appCache.ttls, redisUrl },
      operatorToken,
    });
    if (nowhere)
      return start.then(
        (server) => server.close().then(() => ({ error: null })),
        (e) => ({ error: e.message }),
      );
    const server = await start;
    freshServers.set(server.url, server);
    if (own) ownRedis.set(server.url, own);
    return server.url;
  },
  serverStop: async () => {
    await Promise.all([...freshServers.values()].map((s) => s.close()));
    await Promise.all([...ownRedis.values()].map((r) => r.close()));
    await (await freshRedis)?.close();
  },
};

/**
 * `executeServerCommand('page', { path, width, scheme, state })`: opens a page of the reference
 * server in a Chromium of its own and returns what a person meets there (test/demo/pages.mjs).
 */
const pageChecks = {
  name: 'page',
  async executeCommand({ command, payload }) {
    if (command !== 'page') return undefined;
    return payload?.walk === 'operator' ? operatorWalk() : checkPage(payload);
  },
  serverStop: () => stopPages(),
};

/**
 * `executeServerCommand('site', { width, path })`: one page of the documentation site's
 * build, opened in a Chromium of its own and checked light and dark (test/docs/site.mjs); `{ map: true }` maps its pages and
 * broken links from its HTML; `{ search: query }` searches it; `{ readme: true }` lists the
 * README's links to files that are not there; `{ breakIt: slug, step: 'break' | 'heal' }` plays a step of a "break it" page, `{ edit: true }` edits a live example.
 */
const siteChecks = {
  name: 'site',
  async executeCommand({ command, payload }) {
    if (command !== 'site') return undefined;
    if (payload?.breakIt) return breakIt({ fault: payload.breakIt, step: payload.step });
    if (payload?.edit) return editExample();
    if (payload?.map) return siteMap();
    if (payload?.search) return search({ query: payload.search });
    return payload?.readme ? readmeLinks() : sitePage(payload);
  },
  serverStop: () => stopSite(),
};

/**
 * `executeServerCommand('ssr', { markup, sources })`: renders `markup` in Node with @lit-labs/ssr,
 * the built npm modules, and `sources` created there first ({ name: options }, as a host's server
 * creates them with the data it has); returns the HTML, declarative shadow roots included.
 */
const serverRender = {
  name: 'ssr',
  async executeCommand({ command, payload }) {
    if (command !== 'ssr') return undefined;
    const [{ render }, { collectResult }, { html }, { unsafeHTML }] = await Promise.all([
      import('@lit-labs/ssr'),
      import('@lit-labs/ssr/lib/render-result.js'),
      import('lit'),
      import('lit/directives/unsafe-html.js'),
    ]);
    const { createSource } = await import('./dist/esm/index.js');
    const { LiveRenderer } = await import('./dist/esm/ssr.js');
    const made = Object.entries(payload.sources ?? {}).map(([name, options]) => createSource(name, options));
    try {
      return await collectResult(render(html`${unsafeHTML(payload.markup)}`, { elementRenderers: [LiveRenderer] }));
    } finally {
      made.forEach((s) => s.dispose());
    }
  },
};

/** Ends the run with one plain `N passed, N failed` line, which CI reads. */
function countReporter() {
  const count = (suite, totals) => {
    for (const test of suite?.tests ?? []) totals[test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed']++;
    for (const child of suite?.suites ?? []) count(child, totals);
  };
  return {
    stop({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        count(session.testResults, totals);
        // A file that could not load or threw outside a test counts as a failure.
        if (!session.passed && !session.testResults?.tests?.length && !session.testResults?.suites?.length) totals.failed++;
      }
      // After wtr's own terminal output, which redraws (and so erases) anything printed while it runs.
      process.once('exit', () => {
        if (nchan.skip) process.stdout.write(`The deploy/nchan tests were skipped: ${nchan.skip}.\n`);
        if (cluster.skip) process.stdout.write(`The several-node tests were skipped: ${cluster.skip}.\n`);
        for (const [name, cache] of Object.entries(caches)) {
          if (cache.skip) process.stdout.write(`The deploy/caches tests through ${name} were skipped: ${cache.skip}.\n`);
        }
        process.stdout.write(`Engines: ${ENGINES.map((e) => `${e} (${version(e)})`).join(', ')}.\n`);
        process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
      });
    },
  };
}

/**
 * Real Server-Sent Events for the stream tests: a stream request that msw lets through (its
 * handler records it and answers `passthrough()`) reaches this server, which holds it open under
 * its path; `POST /__sse/control?path=…&op=send|end|fail` writes the body to that path's newest
 * connection, ends it, or cuts it. Bodies streamed through msw's worker reach the page only once
 * their first chunk comes (Firefox) or once they end (WebKit): a test waiting to see a stream open
 * before it sends would wait for ever there.
 */
const sseConnections = new Map();
const realSse = async (context, next) => {
  if (context.path === '/__sse/control' && context.method === 'POST') {
    // After each test: every stream goes (Firefox's service worker does not pass a page's abort on).
    if (context.query.op === 'reset') {
      for (const stream of [...sseConnections.values()].flat()) if (!stream.writableEnded) stream.socket.destroy();
      sseConnections.clear();
      return void (context.body = 'ok');
    }
    const chunks = [];
    for await (const chunk of context.req) chunks.push(chunk);
    const stream = sseConnections.get(context.query.path)?.at(-1);
    if (!stream) return void ((context.status = 404), (context.body = 'no such stream'));
    const op = context.query.op;
    if (op === 'send') stream.write(Buffer.concat(chunks));
    // A JSON array of chunks, one every `every` ms, timed here rather than by the page's requests.
    else if (op === 'pace') {
      const every = Number(context.query.every);
      JSON.parse(Buffer.concat(chunks).toString()).forEach((chunk, i) => setTimeout(() => stream.writable && stream.write(chunk), every * (i + 1)));
    } else if (op === 'end') stream.end();
    // Cut as a network failure: the connection goes, with no end to the body.
    else stream.socket.destroy();
    context.body = 'ok';
    return;
  }
  // A JSON body cut off in the middle, as a connection reset would: the start, then no end.
  if (context.method === 'GET' && context.path.startsWith('/api/cut-body-')) {
    context.respond = false;
    const res = context.res;
    const start = '{"n": 9, "rows": ["';
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(start.length + 100), 'cache-control': 'no-store' });
    // Cut once the browser surely has the headers: WebKit under load, given the headers and the cut
    // in one moment, failed the fetch as unanswered ("could not reach") and not as a body cut off.
    res.write(start, () => setTimeout(() => res.socket?.destroy(), 250));
    return;
  }
  if (context.method === 'GET' && context.path.startsWith('/api/') && /event-stream/.test(context.get('accept'))) {
    const stream = Object.assign(new PassThrough(), { socket: context.req.socket });
    // A page has one stream to a path at a time: an older one still open here was left by it (one
    // that ended is left alone: its connection may be carrying this very request).
    for (const old of sseConnections.get(context.path) ?? []) if (!old.writableEnded) old.socket.destroy();
    sseConnections.set(context.path, [stream]);
    context.req.on('close', () => stream.destroy());
    context.set('cache-control', 'no-store');
    context.type = 'text/event-stream';
    context.body = stream;
    // A comment at once, as servers send to open a stream through proxies: a fetch answered by
    // msw's service worker reaches the page in Firefox only with the first chunk.
    stream.write(':\n\n');
    return;
  }
  return next();
};

/** The strictest policy a host might send, for test/fixtures/csp.html only. */
const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'";
const strictCsp = async (context, next) => {
  await next();
  if (context.path === '/test/fixtures/csp.html') context.set('content-security-policy', STRICT_CSP);
};

export default {
  // The files whose browsers Node drives run with the engines they name (test/engines.mjs).
  files: ['test/**/*.test.ts', ...Object.entries(NODE_DRIVEN).flatMap(([files, where]) => (ENGINES.some((e) => where.includes(e)) ? [] : [`!${files}`]))],
  middleware: [strictCsp, realSse],
  nodeResolve: { exportConditions: ['development', 'browser'] },
  concurrency: 1,
  reporters: [defaultReporter(), countReporter()],
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  testFramework: { config: { timeout: 10000 } },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022' }),
    mswWorker,
    sseLastEventId,
    lifecycleScenarios,
    freshServer,
    pageChecks,
    siteChecks,
    serverRender,
    nchanControl,
    clusterControl,
    cachesControl,
    {
      name: 'reference-server',
      serverStop: () => Promise.all([reference.close(), nchan.close?.(), cluster.close?.(), ...Object.values(caches).map((c) => c.close?.()), stopEngines()]),
    },
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head>
    <script>
      window.process = { env: { NODE_ENV: 'development' } };
      window.REFERENCE_URL = ${JSON.stringify(reference.url)};
      window.NCHAN = ${JSON.stringify({ url: nchan.url, app: nchan.app, skip: nchan.skip, error: nchan.error })};
      window.CLUSTER = ${JSON.stringify({ nodes: cluster.nodes, app: cluster.app, skip: cluster.skip, error: cluster.error })};
      window.CACHES = ${JSON.stringify(Object.fromEntries(Object.entries(caches).map(([name, c]) => [name, { url: c.url, app: c.app, skip: c.skip, error: c.error }])))};
    </script>
  </head>
  <body>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  browsers: await Promise.all(ENGINES.map((engine) => LAUNCHERS[engine]())),
};
