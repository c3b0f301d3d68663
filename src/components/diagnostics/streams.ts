import { html, type TemplateResult } from 'lit-html';
import type { AnySource } from '../../data/source.js';
import type { SourceStats } from '../../stores/diagnostics.js';
import { redactUrl } from '../../stores/report.js';
import type { StreamStats } from '../../stores/streams.js';
import { cell, table, type View } from './view.js';

/** Each push connection: how it connects, its state, reconnects and events. */
export function streamsTable(v: View, streams: [string, StreamStats][]): TemplateResult {
  const head = ['url', 'transport', 'state', 'reconnects', 'events', 'lastEventId', 'message'].map((k) => v.t(`diag.${k}` as 'diag.url'));
  return table(
    v.t('diag.streams'),
    head,
    streams.map(([url, s]) => {
      const transport = v.t(`diag.transport.${s.transport}`);
      return html`<tr role="row">
        <th scope="row" role="rowheader" translate="no">${redactUrl(url)}</th>
        ${cell(head[1], s.url === url ? transport : v.t('diag.via', { transport, url: redactUrl(s.url) ?? '' }))}
        ${cell(head[2], `${v.code('stream', s.state)}${s.retryAt === null ? '' : `, ${v.t('diag.retryAt', { time: v.time(s.retryAt) })}`}`)}
        ${cell(head[3], v.n(s.reconnects))} ${cell(head[4], v.n(s.events))} ${cell(head[5], s.lastEventId || '—')}
        ${cell(head[6], s.error ? v.error(s.error) : '')}
      </tr>`;
    }),
  );
}

/** The offline cache as each source that keeps one uses it. */
export function cacheTable(v: View, sources: readonly AnySource[], stats: Record<string, SourceStats | undefined>): TemplateResult {
  const head = ['source', 'cacheReads', 'cacheWrites', 'cacheFailures', 'cacheError'].map((k) => v.t(`diag.${k}` as 'diag.source'));
  return table(
    v.t('diag.cacheState'),
    head,
    sources.map((source) => {
      const s = stats[source.name];
      return html`<tr role="row">
        <th scope="row" role="rowheader">${v.label(source.name)}</th>
        ${cell(head[1], v.n(s?.cacheReads))} ${cell(head[2], v.n(s?.cacheWrites))} ${cell(head[3], v.n(s?.cacheFailures))} ${cell(head[4], s?.cacheError ?? '')}
      </tr>`;
    }),
  );
}
