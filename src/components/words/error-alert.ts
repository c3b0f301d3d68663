/** The English words `<live-error-alert>` shows; replace them with its `strings` property or `configure({ strings })`. Data only: the element registers them. */
export const errorAlertWords = {
  retry: 'Retry',
  dismiss: 'Dismiss',
  details: 'Details',
  retryNamed: 'Retry {source}',
  dismissNamed: 'Dismiss the error of {source}',
  detailsNamed: 'Details of the error of {source}',
  'details.status': 'Status',
  'details.time': 'Time',
  'details.attempt': 'Attempts',
  'details.url': 'Address',
  'details.server': 'Server says',
  errorIn: '{source}: {message}',
  retryAt: 'Trying again at {time}.',
};
