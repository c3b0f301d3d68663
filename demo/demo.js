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

// The QA panel drives the server's fault switchboard (demo mode only).
const form = document.getElementById('faults');
const shown = document.getElementById('faults-state');
async function sendFaults(change) {
  const res = await fetch('/api/_control/faults', { method: 'POST', body: JSON.stringify(change) });
  if (!res.ok) return (shown.textContent = 'The fault switchboard is off: start the server with --demo (npm start does).');
  const f = await res.json();
  const on = Object.entries(f).filter(([k, v]) => v && k !== 'retryAfter');
  shown.textContent = on.length ? `Faults on: ${on.map(([k, v]) => `${k} ${v === true ? '' : v}`.trim()).join(', ')}` : 'No faults: the server behaves.';
}
form.addEventListener('change', (e) => {
  const { name, type, checked, value } = e.target;
  if (name) void sendFaults({ [name]: type === 'checkbox' ? checked : Number(value) });
});
form.addEventListener('reset', () => void sendFaults({ reset: true }));
void sendFaults({});

// Words can be replaced per element (or page-wide with configure({ strings })); numbers and
// times follow the section's lang by themselves.
const german = {
  updated: 'Aktualisiert {time}',
  never: 'Noch nicht aktualisiert',
  stale: 'veraltet',
  staleHint: 'Diese Daten sind vielleicht nicht mehr aktuell.',
  staleNow: 'Die Daten sind veraltet: zuletzt bestätigt um {time}.',
  refresh: 'Aktualisieren',
  refreshing: 'Wird aktualisiert…',
  refreshed: 'Daten aktualisiert',
  refreshFailed: 'Aktualisierung fehlgeschlagen',
  'badge.loading': 'Lädt',
  'badge.live': 'Live',
  'badge.stale': 'Veraltet',
  'badge.cache': 'Zwischengespeichert',
  'badge.fallback': 'Platzhalter',
  'badge.offline': 'Offline',
  'badge.error': 'Aktualisierung fehlgeschlagen',
  'badge.retrying': 'Neuer Versuch',
  'badge.busy': 'Server ausgelastet',
  'badge.reconnecting': 'Verbindet neu',
  'badge.at': 'Versuch {time}',
  'badge.loading.hint': 'Die Daten werden geladen.',
  'badge.live.hint': 'Aktuelle Daten vom Server.',
  'badge.streaming.hint': 'Aktuelle Daten, vom Server bei jeder Änderung gesendet.',
  'badge.stale.hint': 'Der Server hat diese Daten seit {age} nicht bestätigt; sie sind vielleicht nicht mehr aktuell.',
  'badge.cache.hint': 'Auf diesem Gerät gespeicherte Daten ({time}); der Server hat sie noch nicht bestätigt.',
  'badge.server-cache.hint': 'Von einem Zwischenspeicher unterwegs geliefert, erzeugt {time}; der Server selbst hat sie seitdem nicht bestätigt.',
  'badge.fallback.hint': 'Platzhalter; der Server hat noch nicht geantwortet.',
  'badge.offline.hint': 'Der Server ist nicht erreichbar; die zuletzt empfangenen Daten werden gezeigt.',
  'badge.error.hint': 'Die letzte Aktualisierung ist fehlgeschlagen; die zuletzt empfangenen Daten werden gezeigt.',
  'badge.retrying.hint': 'Die letzte Aktualisierung ist fehlgeschlagen; ein neuer Versuch folgt.',
  'badge.reconnecting.hint': 'Die Live-Verbindung ist abgerissen; sie wird neu aufgebaut, bis dahin werden die zuletzt empfangenen Daten gezeigt.',
};
for (const el of document.querySelectorAll('[lang=de] *')) if ('strings' in el) el.strings = german;
