// Memory, live-widgets: add and remove elements on one source; a stream that the bench cuts.
import '/dist/live-widgets.js';
import { add, params } from './common.js';

const source = { name: 'bench', src: '/api/overview' };
if (params.has('stream')) Object.assign(source, { stream: '/api/stream', event: 'overview' });
add('live-source', source);
const box = add('div');

/** Adds `count` elements in batches, lets each batch render, then removes it. */
window.churn = async (count, batch = 1000) => {
  for (let done = 0; done < count; done += batch) {
    const els = [];
    for (let i = 0; i < batch; i++) els.push(add(i % 2 ? 'live-value' : 'live-last-updated', { source: 'bench', path: 'visitors' }, box));
    await Promise.all(els.map((el) => el.updateComplete));
    box.replaceChildren();
  }
};
window.ready = () => document.querySelector('live-source').state?.data !== undefined;
