// Starts nginx with deploy/nchan/nginx.conf as it is, changed only where a test or the load check
// must: the port, the app's address, and files under a temporary prefix (so it runs without
// touching /etc/nginx or /var). Used by the browser tests and `npm run load`.
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

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function reachable(port) {
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
 * Starts nginx + Nchan in front of `app` (host:port). Resolves with { url, publishUrl, pid,
 * close() }; rejects with nginx's own words when it does not start.
 */
export async function startNchan({ app, port, workers = 1 }) {
  port ??= await freePort();
  const prefix = mkdtempSync(join(tmpdir(), 'live-widgets-nchan-'));
  // nginx's workers run as `nobody` when started by root: they must reach the prefix.
  chmodSync(prefix, 0o755);
  const config = readFileSync(CONFIG, 'utf8')
    .replace(/^worker_processes .*$/m, `worker_processes ${workers};\npid ${prefix}/nginx.pid;\nerror_log ${prefix}/error.log warn;`)
    .replace(/^http \{$/m, `http {\n  client_body_temp_path ${prefix}/body;\n  proxy_temp_path ${prefix}/proxy;\n  fastcgi_temp_path ${prefix}/fastcgi;\n  uwsgi_temp_path ${prefix}/uwsgi;\n  scgi_temp_path ${prefix}/scgi;`)
    .replace(/^(\s*)listen 8000;$/m, `$1listen 127.0.0.1:${port};`)
    .replace(/^(\s*)server 127\.0\.0\.1:8080;$/m, `$1server ${app};`);
  writeFileSync(join(prefix, 'nginx.conf'), config);
  const nginx = spawn(existsSync(NGINX) ? NGINX : 'nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
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
  if (!(await reachable(port))) {
    await close();
    throw new Error(`nginx did not start: ${errors.trim() || 'no message'}`);
  }
  return { url: `http://127.0.0.1:${port}`, publishUrl: `http://127.0.0.1:${port}/internal/publish`, pid: nginx.pid, prefix, close };
}

/**
 * A TCP relay in front of `port` whose connections can be cut, as a network failure would, and
 * new ones held until released: the browser side of the tests goes through it, so a test can cut
 * a stream, publish while the client is away, then let it reconnect.
 */
export async function cuttableRelay(port) {
  const sockets = new Set();
  let held = null;
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
  const server = createServer((client) => (held ? held.push(client) : pipe(client)));
  const relayPort = await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
  return {
    url: `http://127.0.0.1:${relayPort}`,
    /** Cuts every connection; with `hold`, new ones wait until `release()`. Returns how many were cut. */
    cut({ hold = false } = {}) {
      const pairs = sockets.size / 2;
      sockets.forEach((s) => s.destroy());
      sockets.clear();
      if (hold) held ??= [];
      return pairs;
    },
    release() {
      const waiting = held ?? [];
      held = null;
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
