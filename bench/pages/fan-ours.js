// Fan-in, live-widgets: one <live-source> and n <live-value> per tab; the tabs share one leader.
import '/dist/live-widgets.js';
import { add, num, params } from './common.js';

const source = { name: 'bench', src: '/api/overview', poll: `${num('poll', 1000)}ms` };
// The server sends an event every 5 s: a ttl that covers it, or quiet data is confirmed once per ttl.
if (params.has('stream')) Object.assign(source, { stream: '/api/stream', event: 'overview', ttl: '10s' });
add('live-source', source);
for (let i = 0; i < num('n', 100); i++) add('live-value', { source: 'bench', path: 'visitors' });
window.ready = () => [...document.querySelectorAll('live-value')].every((el) => /\d/.test(el.shadowRoot?.textContent ?? ''));
