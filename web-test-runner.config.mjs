// Browser tests in a real Chromium (Debian's, or CHROME_PATH), with msw's worker served at the root
// and the reference server running on loopback for the integration tests.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { startServer } from './demo/server.mjs';

const require = createRequire(import.meta.url);
const workerPath = require.resolve('msw/mockServiceWorker.js');
const reference = await startServer({ port: 0, host: '127.0.0.1', quiet: true, retry: 250, demo: true });

/** Serves msw's worker at /mockServiceWorker.js so its scope covers the test pages. */
const mswWorker = {
  name: 'msw-worker',
  async serve(context) {
    if (context.path === '/mockServiceWorker.js') {
      return { body: await readFile(workerPath, 'utf8'), type: 'js' };
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
      process.once('exit', () => process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`));
    },
  };
}

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development', 'browser'] },
  concurrency: 1,
  reporters: [defaultReporter(), countReporter()],
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  testFramework: { config: { timeout: 10000 } },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022' }),
    mswWorker,
    { name: 'reference-server', serverStop: () => reference.close() },
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head>
    <script>
      window.process = { env: { NODE_ENV: 'development' } };
      window.REFERENCE_URL = ${JSON.stringify(reference.url)};
    </script>
  </head>
  <body>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    }),
  ],
};
