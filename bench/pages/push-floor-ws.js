// Push latency over WebSocket, the floor: a bare WebSocket on the reference server's protocol that sets textContent.
import { add, watch } from './common.js';

const span = add('span');
watch(span, () => span.textContent);
const socket = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/api/stream`, 'live-widgets');
let open = false;
socket.onopen = () => {
  socket.send(JSON.stringify({ type: 'subscribe', sources: [{ name: 'bench', event: 'bench', lastEventId: null }] }));
  open = true;
};
socket.onmessage = (e) => {
  const frame = JSON.parse(e.data);
  if (frame.type === 'event' && frame.event === 'bench') span.textContent = String(frame.data.n);
};
window.ready = () => open;
