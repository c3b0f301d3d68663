import { ar, de } from './words.js';

// The demo's few lines of script: the theme switch, the campaign rows, and the QA failure buttons.
// The widgets themselves need none of it.
const root = document.documentElement;
const theme = document.getElementById('theme');
theme.value = localStorage.getItem('demo-theme') ?? 'light dark';
root.style.colorScheme = theme.value;
theme.addEventListener('change', () => {
  root.style.colorScheme = theme.value;
  localStorage.setItem('demo-theme', theme.value);
});

// The operator's token goes to the cache's controls as a header, from the field, never into markup.
const token = document.getElementById('operator-token');
document.querySelector('live-cache-status').headers = () => (token.value.trim() ? { authorization: `Bearer ${token.value.trim()}` } : {});

const rows = document.getElementById('campaign-rows');
for (let i = 0; i < 5; i++) {
  const tr = document.createElement('tr');
  for (const [field, format] of [
    ['name', 'text'],
    ['clicks', 'number'],
    ['spend', 'currency'],
    ['ctr', 'percent'],
  ]) {
    const cell = document.createElement(field === 'name' ? 'th' : 'td');
    if (field === 'name') cell.scope = 'row';
    const value = document.createElement('live-value');
    value.setAttribute('source', 'campaigns');
    value.setAttribute('path', `campaigns.${i}.${field}`);
    value.setAttribute('format', format);
    if (format === 'currency') value.setAttribute('currency', 'EUR');
    cell.append(value);
    tr.append(cell);
  }
  rows.append(tr);
}

const overview = document.querySelector('live-source[name=overview]');

// The overview's push can come over Server-Sent Events or a WebSocket on the same URL; the
// diagnostics panel's Streams table says which is in use (a refused upgrade falls back to SSE).
const transport = document.getElementById('transport');
transport.value = localStorage.getItem('demo-transport') ?? 'sse';
overview.setAttribute('transport', transport.value);
transport.addEventListener('change', () => {
  overview.setAttribute('transport', transport.value);
  localStorage.setItem('demo-transport', transport.value);
});
document.getElementById('break').addEventListener('click', () => overview.setAttribute('src', '/api/overview-missing'));
document.getElementById('restore').addEventListener('click', () => overview.setAttribute('src', '/api/overview'));
document.getElementById('cut').addEventListener('click', () => fetch('/api/_control/drop-streams', { method: 'POST' }));

// The QA panel drives the server's fault switchboard (demo mode only), and shows the faults as
// the server has them, whoever switched them (this panel, a test, curl): read every 2 s.
const form = document.getElementById('faults');
const shown = document.getElementById('faults-state');
let said = '';
function showFaults(f) {
  for (const [name, value] of Object.entries(f)) {
    const field = form.elements.namedItem(name);
    if (!field || field === document.activeElement) continue;
    if (field.type === 'checkbox') field.checked = value;
    else field.value = String(value);
  }
  // Settings that are not faults unless changed: the wait a 503 asks, and the API's caching headers.
  const on = Object.entries(f).filter(([k, v]) => (k === 'caching' ? v !== 'no-cache' : k === 'validators' ? !v : k !== 'retryAfter' && k !== 'maxAge' && v));
  const text = on.length ? `Faults on: ${on.map(([k, v]) => `${k} ${v === true ? '' : v}`.trim()).join(', ')}.` : 'No faults: the server behaves.';
  // The live region speaks only when the words change.
  if (text !== said) shown.textContent = said = text;
}
async function faults(change) {
  const res = await fetch('/api/_control/faults', change ? { method: 'POST', body: JSON.stringify(change) } : {});
  if (!res.ok) return (shown.textContent = 'The fault switchboard is off: start the server with --demo (npm start does).');
  showFaults(await res.json());
}
form.addEventListener('change', (e) => {
  const { name, type, checked, value } = e.target;
  if (name) void faults({ [name]: type === 'checkbox' ? checked : Number.isNaN(Number(value)) ? value : Number(value) });
});
form.addEventListener('reset', (e) => {
  e.preventDefault();
  void faults({ reset: true });
});
void faults();
setInterval(() => document.visibilityState === 'visible' && void faults(), 2000);

// Words can be replaced per element (or page-wide with configure({ strings })); numbers and
// times follow the section's lang by themselves. Set on every element but <live-source> (which
// shows no words), defined or not: the panel's code comes from beside the single file a moment
// later, and an element keeps what was set on it before it was defined.
for (const [lang, words] of Object.entries({ de, ar })) {
  for (const el of document.querySelectorAll(`[lang=${lang}] *`)) if (el.localName.startsWith('live-') && el.localName !== 'live-source') el.strings = words;
}
