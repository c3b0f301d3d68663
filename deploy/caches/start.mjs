// Starts Varnish with deploy/caches/varnish.vcl and nginx with deploy/caches/nginx.conf as they are,
// changed only where a test must: the port, the app's address, and files under a temporary folder
// of their own (so they run without the system's services, /etc or /var). Used by the browser tests.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, reachable } from '../nchan/start.mjs';

const VCL = fileURLToPath(new URL('varnish.vcl', import.meta.url));
const NGINX_CONF = fileURLToPath(new URL('nginx.conf', import.meta.url));
const VARNISHD = process.env.VARNISHD_PATH || '/usr/sbin/varnishd';
const VARNISHADM = process.env.VARNISHADM_PATH || '/usr/bin/varnishadm';
const NGINX = process.env.NGINX_PATH || '/usr/sbin/nginx';

/** Why Varnish cannot run here, or null when it can. */
export function varnishMissing() {
  if (!existsSync(VARNISHD) && spawnSync('varnishd', ['-V']).error) return 'varnish is not installed (apt-get install varnish)';
  return null;
}

/** Why nginx cannot run here, or null when it can (proxy_cache is part of every nginx). */
export function proxyCacheMissing() {
  if (!existsSync(NGINX) && spawnSync('nginx', ['-v']).error) return 'nginx is not installed (apt-get install nginx)';
  return null;
}

const program = (path, name) => (existsSync(path) ? path : name);

/**
 * Varnish in front of `app` (host:port) on `port` (a free one if not given), in the foreground,
 * its working folder under a temporary one. Resolves with { url, purge(), close() }; rejects with
 * varnishd's own words (the VCL compiler's included) when it does not start.
 */
export async function startVarnish({ app, port }) {
  port ??= await freePort();
  const [host, appPort] = splitHost(app);
  const folder = ownFolder('live-widgets-varnish-');
  const vcl = readFileSync(VCL, 'utf8')
    .replace(/^(\s*)\.host = "127\.0\.0\.1";$/m, `$1.host = "${host}";`)
    .replace(/^(\s*)\.port = "8080";$/m, `$1.port = "${appPort}";`);
  writeFileSync(join(folder, 'varnish.vcl'), vcl);
  const workdir = join(folder, 'varnish');
  const args = ['-F', '-a', `127.0.0.1:${port}`, '-f', join(folder, 'varnish.vcl'), '-n', workdir, '-s', 'malloc,32m'];
  const daemon = await run(program(VARNISHD, 'varnishd'), args, { port, folder, name: 'varnishd', ready: (said) => said.includes('Child launched OK') });
  return {
    ...daemon,
    url: `http://127.0.0.1:${port}`,
    /** Empties the cache: every stored answer, stale ones included, is banned. */
    purge: () => admin(workdir, ['ban', 'req.url', '~', '.']),
  };
}

/**
 * nginx with proxy_cache in front of `app` (host:port) on `port` (a free one if not given), its
 * prefix, cache and temporary files under a temporary folder. Resolves with { url, purge(),
 * close() }; rejects with nginx's own words when it does not start.
 */
export async function startProxyCache({ app, port }) {
  port ??= await freePort();
  const folder = ownFolder('live-widgets-proxy-cache-');
  const cache = join(folder, 'cache');
  const config = readFileSync(NGINX_CONF, 'utf8')
    .replace(/^worker_processes .*$/m, `worker_processes 1;\npid ${folder}/nginx.pid;\nerror_log ${folder}/error.log warn;`)
    .replace(
      /^http \{$/m,
      `http {\n  client_body_temp_path ${folder}/body;\n  proxy_temp_path ${folder}/proxy;\n  fastcgi_temp_path ${folder}/fastcgi;\n  uwsgi_temp_path ${folder}/uwsgi;\n  scgi_temp_path ${folder}/scgi;`,
    )
    .replace(/^(\s*)proxy_cache_path \S+ /m, `$1proxy_cache_path ${cache} `)
    .replace(/^(\s*)listen 8000;$/m, `$1listen 127.0.0.1:${port};`)
    .replace(/^(\s*)server 127\.0\.0\.1:8080;$/m, `$1server ${app};`);
  writeFileSync(join(folder, 'nginx.conf'), config);
  const args = ['-p', folder, '-c', join(folder, 'nginx.conf'), '-g', 'daemon off;'];
  // nginx writes its pid file once it listens.
  const daemon = await run(program(NGINX, 'nginx'), args, { port, folder, name: 'nginx', ready: () => existsSync(join(folder, 'nginx.pid')) });
  return {
    ...daemon,
    url: `http://127.0.0.1:${port}`,
    /**
     * Empties the cache: its files go, and nginx takes a key whose file is gone for a miss. The
     * folder itself stays (its workers write there).
     */
    purge: async () => {
      for (const entry of existsSync(cache) ? readdirSync(cache) : []) rmSync(join(cache, entry), { recursive: true, force: true });
    },
  };
}

function splitHost(app) {
  const { hostname, port } = new URL(`http://${app}`);
  return [hostname.replace(/^\[|\]$/g, ''), port || '80'];
}

/** A temporary folder the daemons' unprivileged workers can reach (they run as `nobody` or `vcache` when started by root). */
function ownFolder(prefix) {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(folder, 0o755);
  return folder;
}

/**
 * Runs a daemon in the foreground in a process group of its own, until it says it is `ready` (from
 * what it printed) and its port answers. Resolves with { pid, close() }, close() stopping the whole
 * group and removing `folder`.
 */
async function run(command, args, { port, folder, name, ready }) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let said = '';
  child.stdout.on('data', (chunk) => (said += chunk));
  child.stderr.on('data', (chunk) => (said += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // Varnish compiles its VCL with the C compiler before it listens: allow it a few seconds.
  const up = async () => child.exitCode === null && ready(said) && (await reachable(port));
  for (let i = 0; i < 200 && child.exitCode === null && !(await up()); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  const group = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  // Should the runner exit without closing it (process.exit, an uncaught error), it goes too.
  const orphaned = () => {
    group('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  };
  process.once('exit', orphaned);
  const close = async () => {
    process.off('exit', orphaned);
    if (child.exitCode === null && child.signalCode === null) {
      group('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 3000))]);
      if (!stopped) {
        group('SIGKILL');
        await exited;
      }
    }
    // Workers left behind by a master that died first.
    group('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  };
  if (!(await up())) {
    await close();
    const words = said.trim().split('\n').filter(Boolean).slice(-12).join('\n');
    throw new Error(`${name} did not start: ${words || 'no message'}`);
  }
  return { pid: child.pid, port, close };
}

function admin(workdir, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(program(VARNISHADM, 'varnishadm'), ['-n', workdir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let said = '';
    child.stdout.on('data', (chunk) => (said += chunk));
    child.stderr.on('data', (chunk) => (said += chunk));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(said.trim()) : reject(new Error(`varnishadm ${args.join(' ')}: ${said.trim() || `exit ${code}`}`))));
  });
}
