import type { ErrorKind } from '../data/errors.js';
import { shared } from '../shared.js';

/** Every word the elements show. Replace some with `configure({ strings })` or an element's `strings` property. */
export const defaultStrings = {
  refresh: 'Refresh',
  refreshing: 'Refreshing…',
  refreshed: 'Data refreshed',
  refreshFailed: 'Refresh failed',
  updated: 'Updated {time}',
  never: 'Not updated yet',
  stale: 'stale',
  staleHint: 'This data may be out of date.',
  placeholder: '—',
  'badge.loading': 'Loading',
  'badge.live': 'Live',
  'badge.cache': 'Cached',
  'badge.fallback': 'Fallback',
  'badge.offline': 'Offline',
  'badge.error': 'Error',
  'badge.loading.hint': 'Loading data from the server.',
  'badge.live.hint': 'Live data from the server.',
  'badge.streaming.hint': 'Live data, pushed by the server as it changes.',
  'badge.cache.hint': 'Data saved on this device {time}; the server has not confirmed it yet.',
  'badge.fallback.hint': 'Placeholder data; the server has not answered yet.',
  'badge.offline.hint': 'The server cannot be reached; showing the last data received.',
  'badge.error.hint': 'The last update failed; showing the last data received.',
  retry: 'Retry',
  dismiss: 'Dismiss',
  details: 'Details',
  'details.status': 'Status',
  'details.time': 'Time',
  'details.attempt': 'Attempts',
  'details.url': 'Address',
  'details.server': 'Server says',
  errorIn: '{source}: {message}',
  autoRefresh: 'Auto-refresh',
  autoRefreshEvery: 'Refresh every',
  'autoRefresh.live': 'Refreshing automatically',
  'autoRefresh.paused': 'Paused',
  'autoRefresh.hidden': 'Paused while the page is hidden',
  'sync.ok': 'Up to date',
  'sync.running': 'Syncing',
  'sync.failed': 'Failed',
  'sync.pending': 'Waiting',
  'sync.lastSync': 'last sync {time}',
  'sync.never': 'never synced',
  'sync.records': '{count} records',
  'sync.progress': '{name}: sync progress',
  'sync.loading': 'Loading sync status…',
  'sync.empty': 'No sync jobs.',
  'sync.unavailable': 'Sync status unavailable: {message}',
  'diag.title': 'Diagnostics',
  'diag.refetchAll': 'Refetch all',
  'diag.refetch': 'Refetch {source}',
  'diag.clearCache': 'Clear offline cache',
  'diag.cacheCleared': 'Offline cache cleared',
  'diag.copy': 'Copy diagnostics',
  'diag.copied': 'Diagnostics copied to the clipboard',
  'diag.downloaded': 'The clipboard was refused: diagnostics downloaded as a file',
  'diag.totals': 'Totals',
  'diag.sources': 'Sources',
  'diag.streams': 'Streams',
  'diag.errors': 'Last errors',
  'diag.health': 'Server health',
  'diag.none': 'None',
  'diag.source': 'Source',
  'diag.status': 'Status',
  'diag.origin': 'Origin',
  'diag.connection': 'Connection',
  'diag.tab': 'This tab',
  'diag.role': '{role} of {tabs}',
  'diag.role.leader': 'leader',
  'diag.role.follower': 'follower',
  'diag.role.independent': 'alone',
  'diag.updated': 'Updated',
  'diag.failuresInRow': 'Failures in a row',
  'diag.requests': 'Requests',
  'diag.successes': 'Successes',
  'diag.notModified': '304s (hit rate)',
  'diag.inFlight': 'In flight',
  'diag.latency': 'Latency last / median / p95',
  'diag.bytes': 'Data received',
  'diag.cache': 'Cache reads / writes / failures',
  'diag.failures': 'Failures',
  'diag.url': 'Address',
  'diag.state': 'State',
  'diag.reconnects': 'Reconnects',
  'diag.events': 'Events',
  'diag.lastEventId': 'Last event id',
  'diag.time': 'Time',
  'diag.kind': 'Class',
  'diag.message': 'Message',
  'diag.check': 'Checks',
  'diag.checkLatency': 'Latency',
  'diag.version': 'Version {version}, up {uptime}',
  'diag.actions': 'Actions',
};

/**
 * All the words. Error sentences (`error.network`, `error.http` with `{status}`, …) have no
 * default here: the data layer's own, more precise English message is shown unless one is given.
 */
export type Strings = typeof defaultStrings & Partial<Record<`error.${ErrorKind}`, string>>;
export type StringKey = keyof Strings;

/** The page's words and who to tell when they change: shared by every copy on the page. */
const page = shared('strings', () => ({ strings: { ...defaultStrings } as Strings, listeners: new Set<() => void>() }));

export interface Configuration {
  strings?: Partial<Strings>;
}

/** Page-wide settings. Elements already on the page update at once. */
export function configure(config: Configuration): void {
  if (config.strings) page.strings = { ...page.strings, ...config.strings };
  page.listeners.forEach((l) => l());
}

export function onConfigure(listener: () => void): () => void {
  page.listeners.add(listener);
  return () => page.listeners.delete(listener);
}

/** A string with `{name}` placeholders filled; the element's own strings first, then the page's. */
export function text(key: StringKey, own?: Partial<Strings> | null, vars?: Record<string, string | number>): string | undefined {
  const template = own?.[key] ?? page.strings[key];
  if (template === undefined || !vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
