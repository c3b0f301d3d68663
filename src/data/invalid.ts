import { DEV } from '../dev.js';

const DURATION = 'a duration such as 500ms, 15s, 1m, 2h or 1d, or a number of milliseconds ≥ 0';
const COUNT = 'a whole number ≥ 0';

/** What each option must be, in words: in the development build only. */
const EXPECTED: Record<string, string> = DEV
  ? {
      duration: DURATION,
      name: 'a name that is not empty, such as "overview"',
      options: 'an object',
      src: 'a URL',
      purge: 'a URL to POST before a forced refresh',
      timeout: 'longer than 0',
      heartbeat: 'longer than 0',
      retry: 'an object like { attempts: 3, base: "1s", max: "30s" }',
      'retry.attempts': COUNT,
      reconnects: COUNT,
      headers: 'an object or a function returning one',
      credentials: 'omit, same-origin, include or nothing',
      event: 'an event name',
      namespace: 'a string',
      label: 'a name people understand',
      transport: 'auto, sse, websocket',
      persist: 'true or false',
      tabs: 'shared or independent',
      timestamp: 'a dot path such as "generatedAt", or a function of the data',
      targets: 'a string such as "hit-rate 80%; latency 500ms", or an object',
      initial: 'an object like { data, updatedAt } with a time in ms or an ISO date',
      stream: 'a URL, or a list of URLs',
      cacheMarker: 'a header and a value such as "X-Cache: HIT"',
    }
  : {};

/**
 * Throws the `TypeError` for a bad option value, naming the option and the value. The development
 * build says what the option must be (`kind` picks the words, the option's own by default); the
 * production build names the option and the value only (the docs' options table says the rest).
 */
export function invalid(option: string, value: unknown, kind = option): never {
  const got = JSON.stringify(value) ?? String(value);
  throw new TypeError(DEV ? `live-widgets: "${option}" must be ${EXPECTED[kind]}; got ${got}` : `live-widgets: "${option}" is not valid: ${got}`);
}
