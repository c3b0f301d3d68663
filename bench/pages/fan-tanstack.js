// Fan-in, TanStack Query: one QueryObserver per element with refetchInterval, as its docs show,
// and its broadcast plugin so the tabs share their cache.
import { broadcastQueryClient } from '@tanstack/query-broadcast-client-experimental';
import { QueryClient, QueryObserver } from '@tanstack/query-core';
import { add, num } from './common.js';

const client = new QueryClient();
broadcastQueryClient({ queryClient: client, broadcastChannel: 'bench' });
const options = { queryKey: ['overview'], queryFn: () => fetch('/api/overview').then((r) => r.json()), refetchInterval: num('poll', 1000) };
const spans = [];
for (let i = 0; i < num('n', 100); i++) {
  const el = add('span');
  spans.push(el);
  new QueryObserver(client, options).subscribe((result) => {
    if (result.data) el.textContent = String(result.data.visitors);
  });
}
window.ready = () => spans.every((el) => /\d/.test(el.textContent));
