import { $diagnostics, $totals } from './diagnostics.js';
import { $errorLog } from './errors.js';
import { $sources } from './sources.js';
import { $streams } from './streams.js';
import { $tabs } from './tabs.js';
import { $timeline } from './timeline.js';
import { REDACTED, redactHeaders, redactUrl } from '../data/redact.js';

export { REDACTED, redactHeaders, redactUrl };

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

/**
 * Everything the client knows about its data, as one JSON-safe object for a support ticket:
 * sources (options, state, figures), streams, totals, recent errors and, while something records
 * them (the diagnostics panel), each source's timeline. Secrets are redacted; the data itself is
 * left out.
 */
export function diagnosticsReport(now = Date.now()) {
  const stats = $diagnostics.get();
  const sources = [...$sources.get().values()].map((source) => {
    const o = source.options;
    const s = source.state;
    return {
      name: source.name,
      options: {
        src: redactUrl(o.src),
        stream: o.stream?.map(redactUrl),
        transport: o.transport,
        poll: o.poll,
        ttl: o.ttl,
        timeout: o.timeout,
        retry: o.retry,
        credentials: o.credentials,
        headers: redactHeaders(o.headers),
        persist: o.persist,
        namespace: o.namespace ? REDACTED : '',
      },
      state: {
        status: s.status,
        origin: s.origin,
        servedBy: s.servedBy,
        connection: s.connection,
        stale: s.stale,
        retryAt: iso(s.retryAt),
        updatedAt: iso(s.updatedAt),
        ageMs: s.updatedAt === null ? null : now - s.updatedAt,
        error: s.error && { ...s.error, url: redactUrl(s.error.url) },
      },
      stats: stats[source.name] ?? null,
      tab: $tabs.get()[source.name] ?? null,
    };
  });
  return {
    generatedAt: new Date(now).toISOString(),
    page: redactUrl(globalThis.location?.href),
    userAgent: globalThis.navigator?.userAgent,
    online: globalThis.navigator?.onLine,
    totals: $totals.get(),
    sources,
    streams: Object.fromEntries(
      Object.entries($streams.get())
        .filter(([, v]) => v)
        .map(([url, v]) => [redactUrl(url), v]),
    ),
    errors: $errorLog.get().map((e) => ({ ...e, url: redactUrl(e.url), at: new Date(e.at).toISOString() })),
    // As recorded, or nothing: reading it does not start a recording.
    timelines: Object.fromEntries(
      Object.entries($timeline.value ?? {}).map(([name, entries]) => [
        name,
        entries.map(({ at, cause, said }) => ({ at: iso(at), cause, said: { ...said, updatedAt: iso(said.updatedAt), retryAt: iso(said.retryAt) } })),
      ]),
    ),
  };
}
