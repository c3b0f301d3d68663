import { waitUntil as waitFor } from '@open-wc/testing';

/**
 * open-wc's `waitUntil`, with 5 s instead of 1 s unless a call says otherwise: for what crosses a
 * real network and real servers, with three browsers at work on two cores (`npm test` runs the
 * engines side by side), where a first answer has taken more than a second. A condition that
 * never comes still fails, in its own words.
 */
export const waitUntil: typeof waitFor = (predicate, message, options) => waitFor(predicate, message, { timeout: 5000, ...options });

/**
 * Whether the request figures count in `page` (their code has come: counting starts then, a
 * round trip after something first watched them), read from the page-wide registry every copy shares.
 */
export const counting = (page: object = globalThis): boolean =>
  !!(page as Record<symbol, { counting?: { module?: unknown } } | undefined>)[Symbol.for('live-widgets')]?.counting?.module;

declare const REFERENCE_URL: string;

/**
 * After each file: the reference server ends every event stream it still holds. A page's streams
 * go through msw's service worker (registered by other files, it controls every page), which in
 * Firefox outlives the page and keeps them open; each holds one of the six connections Firefox
 * opens to the server, and after a few files its requests waited for a free one.
 */
after(() => fetch(`${REFERENCE_URL}/api/_control/drop-streams`, { method: 'POST' }).then(() => undefined));
