// The browser tests in every engine, side by side: one test runner per engine (`ENGINES`, all
// three by default), each with its own reference server and deployments, since tests switch faults
// on them and cut their connections. Arguments go to each runner (`--files test/data/x.test.ts`).
// Each line of output names its engine; the run ends with each engine's version and count, and
// fails if any engine failed.
import { spawn } from 'node:child_process';
import { freePort } from '../deploy/nchan/start.mjs';
import { engines, version } from './engines.mjs';

const list = engines();
const width = Math.max(...list.map((e) => e.length));
const started = Date.now();
/** Terminal codes (ESC [ … letter): wtr redraws its progress bar with them even when static. */
const CURSOR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');

/**
 * One engine's run, on a port of its own: started again on another port when its runner could not
 * listen (EADDRINUSE before any test: a server of another engine's took the port first; seen twice
 * in full runs).
 */
async function run(engine) {
  for (let tries = 1; ; tries++) {
    const result = await runOn(engine, await freePort());
    if (!result.portTaken || tries === 3) return result;
    process.stdout.write(`[${engine.padEnd(width)}] Its port was taken before it listened: starting again on another.\n`);
  }
}

/** One engine's run: its output, line by line under its name, and its count at the end. */
async function runOn(engine, port) {
  return new Promise((resolve) => {
    // A port of its own: runners started together would each take the first free one after 8000.
    const child = spawn('npx', ['wtr', '--static-logging', '--port', String(port), ...process.argv.slice(2)], {
      env: { ...process.env, ENGINES: engine, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let count = null;
    let portTaken = false;
    let rest = '';
    const prefix = `[${engine.padEnd(width)}] `;
    const take = (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      for (const raw of lines) {
        const line = raw.replace(CURSOR, '').trimEnd();
        if (!line) continue;
        const m = /^(\d+) passed, (\d+) failed, (\d+) skipped$/.exec(line);
        if (m) count = { passed: +m[1], failed: +m[2], skipped: +m[3] };
        if (line.includes(`EADDRINUSE`) && line.includes(`:${port}`)) portTaken = true;
        process.stdout.write(prefix + line + '\n');
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', (code) => {
      take('\n');
      resolve({ engine, code, count, portTaken: portTaken && !count, seconds: Math.round((Date.now() - started) / 1000) });
    });
  });
}

const results = await Promise.all(list.map((engine) => run(engine)));
process.stdout.write('\n');
for (const { engine, code, count, seconds } of results) {
  const said = count ? `${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped` : `no count (exit code ${code})`;
  process.stdout.write(`${engine.padEnd(width)}  ${version(engine)}: ${said}, in ${seconds} s\n`);
}
const total = { passed: 0, failed: 0, skipped: 0 };
for (const { count } of results) for (const k of Object.keys(total)) total[k] += count?.[k] ?? 0;
process.stdout.write(
  `${list.length} engines: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped, in ${Math.round((Date.now() - started) / 1000)} s\n`,
);
process.exit(results.every((r) => r.code === 0 && r.count && r.count.failed === 0) ? 0 : 1);
