/** The English words `<live-last-updated>` shows; replace them with its `strings` property or `configure({ strings })`. Data only: the element registers them. */
export const lastUpdatedWords = {
  updated: 'Updated {time}',
  never: 'Not updated yet',
  stale: 'stale',
  staleHint: 'This data may be out of date.',
  staleNow: 'The data is out of date: last confirmed at {time}.',
  freshness: '{percent} fresh, stale {time}',
};
