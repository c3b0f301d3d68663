// Starts nginx with deploy/nchan/nginx.conf as it is, changed only where a test or the load check
// must: the port, the app's address, files under a temporary prefix (so it runs without touching
// /etc/nginx or /var), and, for several nodes, the "#redis# " lines switched on with the address of
// a Redis this file starts too. Used by the browser tests and `npm run load`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CONFIG = fileURLToPath(new URL('nginx.conf', import.meta.url));
const MODULE = '/usr/lib/nginx/modules/ngx_nchan_module.so';
const NGINX = process.env.NGINX_PATH || '/usr/sbin/nginx';

/** Why nginx with Nchan cannot run here, or null when it can. */
export function nchanMissing() {
  if (!existsSync(NGINX) && spawnSync('nginx', ['-v']).error) return 'nginx is not installed (apt-get install nginx libnginx-mod-nchan)';
  if (!existsSync(MODULE)) return `the Nchan module is not installed (${MODULE}: apt-get install libnginx-mod-nchan)`;
  return null;
}

const REDIS = process.env.REDIS_SERVER_PATH || '/usr/bin/redis-server';

/** Why Redis cannot run here, or null when it can. */
export function redisMissing() {
  if (!existsSync(REDIS) && spawnSync('redis-server', ['--version']).error) return 'redis-server is not installed (apt-get install redis-server)';
  return null;
}

/** A Redis of its own on a free port, keeping nothing on disk. Resolves with { url, close() }. */
export async function startRedis() {
  const port = await freePort();
  const redis = spawn(existsSync(REDIS) ? REDIS : 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let said = '';
  redis.stdout.on('data', (chunk) => (said += chunk));
  redis.stderr.on('data', (chunk) => (said += chunk));
  const exited = new Promise((resolve) => redis.once('exit', resolve));
  for (let i = 0; i < 100 && !(await reachable(port)) && redis.exitCode === null; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  const close = async () => {
    if (redis.exitCode === null) {
      redis.kill('SIGKILL');
      await exited;
    }
  };
  if (!(await reachable(port))) {
    await close();
    throw new Error(`redis-server did not start: ${said.trim().split('\n').pop() || 'no message'}`);
  }
  return { url: `redis://127.0.0.1:${port}`, pid: redis.pid, close };
}

/**
 * A port nothing listens on, for a server started next (nginx, Redis, Varnish, a test runner).
 * Picked at random below 32768, where systems do not hand out ports for `listen(0)` (Linux from
 * 32768, others from 49152): a port asked of the system is free only until someone else asks,
 * and with three browsers' runners starting their servers at once, a runner's port was once taken
 * by another's before it listened (EADDRINUSE).
 */
export async function freePort() {
  for (let i = 0; i < 100; i++) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    if (await free(port)) return port;
  }
  throw new Error('no free port between 20000 and 32000');
}

/** Whether a server can listen on `port` (on every address, as the test runner does). */
function free(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/** Whether something accepts connections on 127.0.0.1:port. */
export function reachable(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts nginx + Nchan in front of `app` (host:port); with `redis` (a URL), as one node of several
 * sharing it. `idleTimeout` (s) shortens how long a node keeps a channel nobody on it subscribes
 * to (Nchan's default is 30 s), for the test of that window. Resolves with { url, publishUrl, pid,
 * close(), kill() }, kill being a node's sudden death; rejects with nginx's own words when it
 * does not start.
 */
export async function startNchan({ app, port, workers = 1, redis = null, idleTimeout = null }) {
  port ??= await freePort();
  const prefix = mkdtempSync(join(tmpdir(), 'live-widgets-nchan-'));
  // nginx's workers run as `nobody` when started by root: they must reach the prefix.
  chmodSync(prefix, 0o755);
  let config = readFileSync(CONFIG, 'utf8')
    .replace(/^worker_processes .*$/m, `worker_processes ${workers};\npid ${prefix}/nginx.pid;\nerror_log ${prefix}/error.log warn;`)
    .replace(
      /^http \{$/m,
      `http {\n  client_body_temp_path ${prefix}/body;\n  proxy_temp_path ${prefix}/proxy;\n  fastcgi_temp_path ${prefix}/fastcgi;\n  uwsgi_temp_path ${prefix}/uwsgi;\n  scgi_temp_path ${prefix}/scgi;`,
    )
    .replace(/^(\s*)listen 8000;$/m, `$1listen 127.0.0.1:${port};`)
    .replace(/^(\s*)server 127\.0\.0\.1:8080;$/m, `$1server ${app};`);
  if (redis) {
    config = config.replace(/^(\s*)#redis# /gm, '$1').replace(/nchan_redis_server redis:\/\/127\.0\.0\.1:6379;/, `nchan_redis_server ${redis};`);
    if (idleTimeout)
      config = config.replace(/^(\s*)nchan_redis_pass redis;$/gm, `$1nchan_redis_pass redis;\n$1nchan_redis_idle_channel_cache_timeout ${idleTimeout}s;`);
  }
  writeFileSync(join(prefix, 'nginx.conf'), config);
  // A process group of its own, so that kill() takes the workers down with the master.
  const nginx = spawn(existsSync(NGINX) ? NGINX : 'nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let errors = '';
  nginx.stderr.on('data', (chunk) => (errors += chunk));
  const exited = new Promise((resolve) => nginx.once('exit', resolve));
  for (let i = 0; i < 100 && !(await reachable(port)); i++) {
    if (nginx.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const close = async () => {
    if (nginx.exitCode === null) {
      nginx.kill('SIGQUIT');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
      if (nginx.exitCode === null) nginx.kill('SIGKILL');
    }
    rmSync(prefix, { recursive: true, force: true });
  };
  /** The node dies at once, workers and all, as a crashed machine would: no goodbyes. */
  const kill = async () => {
    if (nginx.exitCode === null) {
      process.kill(-nginx.pid, 'SIGKILL');
      await exited;
    }
    rmSync(prefix, { recursive: true, force: true });
  };
  if (!(await reachable(port))) {
    await close();
    throw new Error(`nginx did not start: ${errors.trim() || 'no message'}`);
  }
  return { url: `http://127.0.0.1:${port}`, publishUrl: `http://127.0.0.1:${port}/internal/publish`, pid: nginx.pid, port, prefix, close, kill };
}

/**
 * A TCP relay in front of `port` whose connections can be cut, as a network failure would, and
 * new ones held until released: the browser side of the tests goes through it, so a test can cut
 * a stream, publish while the client is away, then let it reconnect. With `refuse`, new ones are
 * reset at once, as by a server that stopped (deploy/caches: the app going down under a cache).
 */
export async function cuttableRelay(port) {
  const sockets = new Set();
  let held = null;
  let refusing = false;
  const pipe = (client) => {
    const upstream = connect(port, '127.0.0.1');
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ]) {
      a.pipe(b);
      a.on('error', () => b.destroy());
      a.on('close', () => b.destroy());
    }
    sockets.add(client).add(upstream);
    client.on('close', () => {
      sockets.delete(client);
      sockets.delete(upstream);
    });
  };
  const server = createServer((client) => (refusing ? client.resetAndDestroy() : held ? held.push(client) : pipe(client)));
  const relayPort = await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
  return {
    url: `http://127.0.0.1:${relayPort}`,
    /**
     * Cuts every connection; with `hold`, new ones wait until `release()`; with `refuse`, new ones
     * are reset until `release()`. Returns how many were cut.
     */
    cut({ hold = false, refuse = false } = {}) {
      const pairs = sockets.size / 2;
      sockets.forEach((s) => s.destroy());
      sockets.clear();
      if (hold) held ??= [];
      if (refuse) refusing = true;
      return pairs;
    },
    release() {
      const waiting = held ?? [];
      held = null;
      refusing = false;
      waiting.forEach(pipe);
      return waiting.length;
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of [...sockets, ...(held ?? [])]) s.destroy();
        server.close(() => resolve());
      }),
  };
}
