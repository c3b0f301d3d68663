// Ticker cost, GitHub's <relative-time>: n elements whose text changes every second. Its relative
// format says "now" for the whole first minute, so this uses its seconds display, "12s", which
// changes every second as <live-last-updated>'s "Updated 12 seconds ago" does.
import '@github/relative-time-element';
import { add, num } from './common.js';

const datetime = new Date().toISOString();
for (let i = 0; i < num('n', 1000); i++) add('relative-time', { datetime, format: 'elapsed', precision: 'second' });
window.ready = () => [...document.querySelectorAll('relative-time')].every((el) => /\d/.test(el.shadowRoot?.textContent ?? ''));
