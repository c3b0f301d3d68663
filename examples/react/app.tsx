// React 19: properties (strings), attributes (source, path) and events (live-update, live-refresh)
// on live-widgets' custom elements, with no wrapper. `live-widgets/react` defines the elements and
// types them in JSX (checked by npm test).
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'live-widgets/react';

interface Visits {
  visitors: number;
}

function Dashboard({ api }: { api: string }) {
  const [visitors, setVisitors] = useState<number | null>(null);
  const [refreshes, setRefreshes] = useState(0);
  return (
    <section>
      <live-source name="react" src={api} onlive-update={(e) => setVisitors((e.detail.data as Visits | undefined)?.visitors ?? null)}></live-source>
      <live-value source="react" path="visitors"></live-value>
      <live-refresh-button source="react" strings={{ refresh: 'Reload react' }} onlive-refresh={() => setRefreshes((n) => n + 1)}></live-refresh-button>
      <p className="seen">
        React saw {visitors ?? '…'} visitors and {refreshes} refreshes
      </p>
    </section>
  );
}

export function mount(container: Element, { api }: { api: string }): () => void {
  const root = createRoot(container);
  root.render(<Dashboard api={api} />);
  return () => root.unmount();
}
