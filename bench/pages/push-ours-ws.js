// Push latency, live-widgets over WebSocket: a stream-only <live-source transport="websocket"> and one <live-value>.
import '/dist/live-widgets.js';
import { add, watch } from './common.js';

add('live-source', { name: 'bench', stream: '/api/stream', event: 'bench', transport: 'websocket' });
const value = add('live-value', { source: 'bench', path: 'n' });
await customElements.whenDefined('live-value');
await value.updateComplete;
watch(value.shadowRoot, () => value.shadowRoot.textContent);
window.ready = () => document.querySelector('live-source').state?.connection === 'streaming';
