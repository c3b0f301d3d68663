// Ticker cost, live-widgets: n <live-last-updated> on one source, all ticking from one timer.
import '/dist/live-widgets.js';
import { add, num } from './common.js';

add('live-source', { name: 'bench', src: '/api/overview' });
for (let i = 0; i < num('n', 1000); i++) add('live-last-updated', { source: 'bench' });
window.ready = () => [...document.querySelectorAll('live-last-updated')].every((el) => /\d/.test(el.shadowRoot?.textContent ?? ''));
