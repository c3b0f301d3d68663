/** @jsxImportSource preact */
// Preact JSX with `live-widgets/preact`.
import 'live-widgets/preact';

export const page = (
  <main>
    <live-source
      name="sales"
      src="/api/sales"
      poll="30s"
      max-age="1h"
      persist
      onlive-update={(e) => e.detail.updatedAt}
      onlive-error={(e) => e.detail.error.kind}
    />
    <live-value source="sales" path="totals.visitors" format="number" class="big" />
    <live-refresh-button source="sales" strings={{ refresh: 'Reload' }} onlive-refresh={(e) => e.detail.sources.join()} />
    <live-auto-refresh source="sales" onlive-auto-refresh={(e) => e.detail.enabled} />
    <live-last-updated source="sales" />
    <live-source-badge source="sales" />
    <live-error-alert source="sales" />
    <live-sync-status src="/api/sync/status" />
    <live-diagnostics open />
    {/* @ts-expect-error a path is a string */}
    <live-value path={1} />
    {/* @ts-expect-error the update event's detail has no `value` */}
    <live-source onlive-update={(e) => e.detail.value} />
    {/* @ts-expect-error the refresh handler gets a CustomEvent, not a MouseEvent */}
    <live-refresh-button onlive-refresh={(e: MouseEvent) => e.clientX} />
  </main>
);
