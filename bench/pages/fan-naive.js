// Fan-in, naive: each element polls on its own.
import { add, num } from './common.js';

const spans = [];
for (let i = 0; i < num('n', 100); i++) {
  const el = add('span');
  spans.push(el);
  const load = () =>
    fetch('/api/overview')
      .then((r) => r.json())
      .then((d) => (el.textContent = String(d.visitors)));
  load();
  setInterval(load, num('poll', 1000));
}
window.ready = () => spans.every((el) => /\d/.test(el.textContent));
