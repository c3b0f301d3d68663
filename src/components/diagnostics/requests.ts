import { html, nothing, type TemplateResult } from 'lit-html';
import type { AnySource } from '../../data/source.js';
import type { SourceStats, Totals } from '../../stores/diagnostics.js';
import type { TabInfo } from '../../stores/tabs.js';
import { cell, table, type View } from './view.js';

/** The page's request figures at a glance. */
export function totals(v: View, t: Totals): TemplateResult {
  const item = (key: Parameters<View['t']>[0], value: string) => html`<div><dt>${v.t(key)}</dt><dd>${value}</dd></div>`;
  return html`<dl class="totals" aria-label=${v.t('diag.totals')}>
    ${item('diag.requests', v.n(t.requests))} ${item('diag.successes', v.n(t.successes))} ${item('diag.failures', v.n(t.failures))}
    ${item('diag.notModified', `${v.n(t.notModified)} (${v.percent(t.hitRate)})`)} ${item('diag.inFlight', v.n(t.inFlight))}
    ${item('diag.bytes', v.n(t.bytes / 1024, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 }))}
  </dl>`;
}

/** Where the data comes from, and which cache served it when one did (its name is the server's word, as written). */
function origin(v: View, origin: string, servedBy: string | null): unknown {
  if (servedBy === 'browser') return v.t('diag.origin.browser');
  return servedBy ? html`${v.code('origin', origin)} (<span translate="no">${servedBy}</span>)` : v.code('origin', origin);
}

/** Each source's state and request figures, with a button that refetches it. */
export function sourcesTable(
  v: View,
  sources: readonly AnySource[],
  stats: Record<string, SourceStats | undefined>,
  tabs: Record<string, TabInfo | undefined>,
): TemplateResult {
  const head = ['source', 'status', 'origin', 'connection', 'tab', 'updated', 'failuresInRow', 'requests', 'notModified', 'latency', 'bytes', 'actions'].map(
    (k) => v.t(`diag.${k}` as 'diag.source'),
  );
  return table(
    v.t('diag.sources'),
    head,
    sources.map((source) => {
      const st = source.state;
      const s = stats[source.name];
      const tab = tabs[source.name];
      const label = v.label(source.name);
      const c = (i: number, content: unknown) => cell(head[i], content);
      return html`<tr role="row">
        <th scope="row" role="rowheader">${label}</th>
        ${c(1, html`${v.code('status', st.status)}${st.retryAt === null ? '' : `, ${v.t('diag.retryAt', { time: v.time(st.retryAt) })}`}`)}
        ${c(2, origin(v, st.origin, st.servedBy))} ${c(3, v.code('connection', st.connection))}
        ${c(4, tab ? v.t('diag.role', { role: v.t(`diag.role.${tab.role}`), tabs: tab.tabs }) : '—')}
        ${c(
          5,
          st.updatedAt === null
            ? '—'
            : html`<time datetime=${new Date(st.updatedAt).toISOString()} title=${v.dateTime(st.updatedAt)}>${v.ago(st.updatedAt, 'narrow')}</time>${
                st.stale ? html` <span class="stale">⚠ ${v.t('diag.stale')}</span>` : nothing
              }`,
        )}
        ${c(6, v.n(s?.failuresInRow))} ${c(7, v.n(s?.requests))}
        ${c(8, `${v.n(s?.notModified)} (${v.percent(s && s.successes ? s.notModified / s.successes : null)})`)}
        ${c(9, `${v.ms(s?.lastLatency)} / ${v.ms(s?.latency.median)} / ${v.ms(s?.latency.p95)}`)}
        ${c(10, v.n(s ? s.bytes / 1024 : null, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 }))}
        ${c(11, html`<button type="button" @click=${() => source.refresh()} aria-label=${v.t('diag.refetch', { source: label })}>↻</button>`)}
      </tr>`;
    }),
  );
}
