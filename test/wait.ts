import { waitUntil as waitFor } from '@open-wc/testing';

/**
 * open-wc's `waitUntil`, with 5 s instead of 1 s unless a call says otherwise: for what crosses a
 * real network and real servers, with three browsers at work on two cores (`npm test` runs the
 * engines side by side), where a first answer has taken more than a second. A condition that
 * never comes still fails, in its own words.
 */
export const waitUntil: typeof waitFor = (predicate, message, options) => waitFor(predicate, message, { timeout: 5000, ...options });
