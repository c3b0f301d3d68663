// What the integration tests share: the built bundle as the reference server serves it, and the
// server's QA controls (demo mode).
import type { SourceOptions } from '../../src/index.js';
import { counting } from '../wait.js';

declare const REFERENCE_URL: string;
/** The single file's exports (src/cdn/single.ts): the panel and its API are a file beside it. */
export type Bundle = typeof import('../../src/cdn/single.js');

export const bundle: Bundle = await import(/* @vite-ignore */ `${REFERENCE_URL}/dist/live-widgets.js`);

/** POSTs `body` to one of the reference server's QA controls; resolves with its JSON answer. */
export const control = (action: string, body?: unknown) =>
  fetch(`${REFERENCE_URL}/api/_control/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  }).then((r) => r.json());

/** A source made in script starts once something watches it, as an element would. */
export function watched<T>(name: string, options: SourceOptions<T>) {
  const source = bundle.createSource<T>(name, options);
  source.$state.listen(() => {});
  return source;
}

/**
 * Ends every stream the reference server holds, after a test's sources (or frames) are gone. A
 * page's abort reaches the server through msw's service worker (registered by other test files,
 * it still controls this page) in Chromium and WebKit, not in Firefox: each stream left open
 * there holds one of the six connections Firefox opens to a host, and the seventh request waits.
 */
export const dropStreams = () => control('drop-streams');

/**
 * Counts the request figures from now on, as a page does once something shows them (here, a
 * listener on `$diagnostics`); resolves once their code is loaded and counting.
 */
export async function countFigures(from: Bundle = bundle): Promise<void> {
  from.$diagnostics.listen(() => {});
  for (let i = 0; !counting(); i++) {
    if (i > 200) throw new Error('the figures never started counting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
