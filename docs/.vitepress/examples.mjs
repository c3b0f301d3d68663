// The live example that opens each element's page: markup a CMS page could paste, reading the
// reference server's API (`/api/…` beside the site, as `npm start` serves both). Each example
// names its own sources, so that the examples of one page never share one by accident.
export const EXAMPLES = {
  'live-source': `<live-source name="ex-source" src="/api/overview" poll="10s"></live-source>
Visitors: <live-value source="ex-source" path="visitors"></live-value>`,
  'live-value': `<live-source name="ex-value" src="/api/overview"></live-source>
Revenue: <live-value source="ex-value" path="revenue" format="currency" currency="EUR"></live-value>
Conversion: <live-value source="ex-value" path="conversion" format="percent"></live-value>`,
  'live-last-updated': `<live-source name="ex-updated" src="/api/overview" ttl="30s"></live-source>
<live-last-updated source="ex-updated" freshness></live-last-updated>`,
  'live-source-badge': `<live-source name="ex-badge" label="Overview" src="/api/overview" stream="/api/stream"></live-source>
<live-source-badge source="ex-badge"></live-source-badge>`,
  'live-refresh-button': `<live-source name="ex-refresh" src="/api/overview"></live-source>
<live-refresh-button source="ex-refresh"></live-refresh-button>
<live-last-updated source="ex-refresh"></live-last-updated>`,
  'live-error-alert': `<!-- This address does not exist: the alert says so, and offers to try again. -->
<live-source name="ex-alert" label="Orders" src="/api/orders"></live-source>
<live-error-alert source="ex-alert"></live-error-alert>`,
  'live-sync-status': `<live-sync-status src="/api/sync/status" poll="5s"></live-sync-status>`,
  'live-auto-refresh': `<live-source name="ex-auto" src="/api/campaigns"></live-source>
<live-auto-refresh source="ex-auto"></live-auto-refresh>
<live-last-updated source="ex-auto"></live-last-updated>`,
  'live-diagnostics': `<live-source name="ex-diag" label="Overview" src="/api/overview" poll="10s"></live-source>
<live-diagnostics health="/api/health" open></live-diagnostics>`,
  'live-cache-status': `<live-cache-status src="/api/cache/status" poll="5s"></live-cache-status>`,
};
