// Push latency, the floor: a bare EventSource that sets textContent.
import { add, watch } from './common.js';

const span = add('span');
watch(span, () => span.textContent);
const events = new EventSource('/api/stream');
let open = false;
events.onopen = () => (open = true);
events.addEventListener('bench', (e) => (span.textContent = String(JSON.parse(e.data).n)));
window.ready = () => open;
