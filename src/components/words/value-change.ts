/** The English words of `<live-value change>` and of its `above` and `below`: loaded with them. Data only. */
export const valueChangeWords = {
  'value.up': 'up {change}',
  'value.down': 'down {change}',
  'value.above': '{value}, above {limit}.',
  'value.below': '{value}, below {limit}.',
  'value.within': '{value}, back within its limits.',
};
