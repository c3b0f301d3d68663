/** @jsxImportSource solid-js */
// Solid JSX with `live-widgets/solid`: events as `on:<event>`.
import 'live-widgets/solid';

export const page = () => (
  <main>
    <live-source
      name="sales"
      src="/api/sales"
      poll="30s"
      max-age="1h"
      persist
      on:live-update={(e) => e.detail.updatedAt}
      on:live-error={(e) => e.detail.error.kind}
    />
    <live-value source="sales" path="totals.visitors" format="compact" class="big" />
    <live-refresh-button source="sales" strings={{ refresh: 'Reload' }} on:live-refresh={(e) => e.detail.sources.join()} />
    <live-auto-refresh source="sales" on:live-auto-refresh={(e) => e.detail.enabled} />
    <live-last-updated source="sales" />
    <live-source-badge source="sales" />
    <live-error-alert source="sales" />
    <live-sync-status src="/api/sync/status" />
    <live-diagnostics open />
    {/* @ts-expect-error a path is a string */}
    <live-value path={1} />
    {/* @ts-expect-error the update event's detail has no `value` */}
    <live-source on:live-update={(e) => e.detail.value} />
    {/* @ts-expect-error the update handler gets a CustomEvent, not a MouseEvent */}
    <live-source on:live-update={(e: MouseEvent) => e.clientX} />
  </main>
);
