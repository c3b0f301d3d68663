/** The English words `<live-sync-status>` shows; replace them with its `strings` property or `configure({ strings })`. Data only: the element registers them. */
export const syncStatusWords = {
  'sync.label': 'Sync status',
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
  'sync.failing': 'The sync status could not be refreshed: {message}',
  'sync.outdated': 'The sync status is out of date.',
  'sync.asOf': 'Showing the jobs as they were {time}.',
  'sync.jobFailed': '{name}: sync failed.',
};
