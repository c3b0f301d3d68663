/** The English words `<live-auto-refresh>` shows; replace them with its `strings` property or `configure({ strings })`. Data only: the element registers them. */
export const autoRefreshWords = {
  autoRefresh: 'Auto-refresh',
  autoRefreshEvery: 'Refresh every',
  'autoRefresh.live': 'Refreshing automatically',
  'autoRefresh.paused': 'Paused',
  'autoRefresh.pushed': 'Polling paused; the server still pushes changes',
  'autoRefresh.hidden': 'Paused while the page is hidden',
};
