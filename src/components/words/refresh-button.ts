/** The English words `<live-refresh-button>` shows; replace them with its `strings` property or `configure({ strings })`. Data only: the element registers them. */
export const refreshButtonWords = {
  refresh: 'Refresh',
  refreshNamed: 'Refresh {source}',
  refreshing: 'Refreshing…',
  refreshed: 'Data refreshed',
  refreshFailed: 'Refresh failed',
};
