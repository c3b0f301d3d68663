// Offline start, live-widgets: a persisted source; records when the value first shows.
import '/dist/live-widgets.js';
import { add, params } from './common.js';

const source = { name: 'bench', src: '/api/overview' };
if (params.has('persist')) source.persist = '';
add('live-source', source);
const value = add('live-value', { source: 'bench', path: 'visitors' });
await customElements.whenDefined('live-value');
await value.updateComplete;
const shown = () => /\d/.test(value.shadowRoot.textContent);
new MutationObserver(() => shown() && (window.shownAt ??= performance.now())).observe(value.shadowRoot, {
  subtree: true,
  childList: true,
  characterData: true,
});
window.answeredAt = () => performance.getEntriesByType('resource').find((e) => e.name.includes('/api/overview') && e.responseEnd > 0)?.responseEnd;
