// Reference servers of their own with the application cache, for the tests of that cache and of
// what shows it: started by the runner's `fresh-server` command, reached by the test page's host
// name (`localhost`: the same site, as an operator's page is), closed after each test.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

export const TOKEN = 'operator-secret-7d1';
const servers: string[] = [];

export interface CacheOptions {
  ttls?: Record<string, number>;
  redis?: boolean | 'own';
}

/** A server whose data changes hourly, with its cache as asked and the operator's `token`. */
export async function cacheServer(appCache: CacheOptions = {}, operatorToken: string | null = TOKEN): Promise<string> {
  const url = await executeServerCommand<string, object>('fresh-server', { appCache: { ttls: { overview: 300, campaigns: 600 }, ...appCache }, operatorToken });
  servers.push(url);
  expect(location.hostname).to.equal('localhost');
  return url.replace('127.0.0.1', 'localhost');
}

/** Closes the servers the test started. */
export const closeCacheServers = () => Promise.all(servers.splice(0).map((close) => executeServerCommand('fresh-server', { close })));

/** Warms or clears the cache as the operator (or as `init` says). */
export const operate = (base: string, what: 'warm' | 'clear', init: RequestInit = {}) =>
  fetch(`${base}/api/cache/${what}`, { method: 'POST', ...init, headers: { authorization: `Bearer ${TOKEN}`, ...init.headers } });

/** The cache's status, as anyone reads it. */
export const cacheStatusOf = async (base: string) => (await fetch(`${base}/api/cache/status`)).json();

/** Switches the server's faults (demo mode). */
export const setFaults = (base: string, change: object) =>
  fetch(`${base}/api/_control/faults`, { method: 'POST', body: JSON.stringify(change) }).then((r) => r.json());

/** The requests the server received (demo mode). */
export const requestsOf = async (base: string): Promise<{ path: string; search: string }[]> =>
  (await (await fetch(`${base}/api/_control/requests`)).json()).requests;
