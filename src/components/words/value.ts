/** The English words `<live-value>` shows; replace them with its `strings` property or `configure({ strings })`. Data only: the element registers them. */
export const valueWords = {
  placeholder: '—',
};
