// React 19 JSX with `live-widgets/react`: every element, its properties and attributes, typed events.
import { useRef } from 'react';
import 'live-widgets/react';
import type { LiveSource, LiveUpdateDetail } from 'live-widgets';

export function Page() {
  const ref = useRef<LiveSource>(null);
  return (
    <main>
      <live-source
        ref={ref}
        name="sales"
        src="/api/sales"
        poll="30s"
        ttl="1m"
        max-age="1h"
        cache-marker="x-cache"
        persist
        transport="websocket"
        reconnects={5}
        headers={{ authorization: 'Bearer t' }}
        onlive-update={(e) => {
          const detail: LiveUpdateDetail = e.detail;
          return detail.updatedAt;
        }}
        onlive-error={(e) => e.detail.error.kind}
      />
      <live-value source="sales" path="totals.visitors" format="percent" className="big" id="visitors" />
      <live-refresh-button source="sales" strings={{ refresh: 'Reload' }} onlive-refresh={(e) => e.detail.sources.join()} />
      <live-auto-refresh source="sales" intervals="10s,1m" onlive-auto-refresh={(e) => e.detail.interval.toFixed()} />
      <live-last-updated source="sales" />
      <live-source-badge source="sales" />
      <live-error-alert source="sales" />
      <live-sync-status src="/api/sync/status" poll="30s" />
      <live-diagnostics open health="/api/health" />
      {/* @ts-expect-error a path is a string */}
      <live-value path={1} />
      {/* @ts-expect-error a value is shown in one of the known formats */}
      <live-value format="roman" />
      {/* @ts-expect-error the update handler gets a CustomEvent, not a MouseEvent */}
      <live-source onlive-update={(e: MouseEvent) => e.clientX} />
      {/* @ts-expect-error the refresh event says which sources, not one source */}
      <live-refresh-button onlive-refresh={(e) => e.detail.source} />
      {/* @ts-expect-error a transport is auto, sse or websocket */}
      <live-source transport="pigeon" />
      {/* @ts-expect-error strings are words by key, not one string */}
      <live-value strings="Refresh" />
      {/* @ts-expect-error no such element */}
      <live-nothing />
    </main>
  );
}
