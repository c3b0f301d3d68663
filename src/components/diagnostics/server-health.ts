import { html, nothing, type TemplateResult } from 'lit-html';
import type { SourceState } from '../../data/source.js';
import { cell, status, table, type View } from './view.js';

/** What the reference server's `/api/health` answers (see the README's contract). */
export interface ServerHealth {
  status?: string;
  checks?: Record<string, { status?: string; latencyMs?: number; message?: string } | null>;
  version?: string;
  uptimeS?: number;
}

const ICON: Record<string, string> = { ok: '✓', degraded: '!', down: '✕' };

/** A status the server reports, with its icon; a status we have no word for is shown as the server wrote it. */
const serverStatus = (v: View, value: unknown) => {
  const s = String(value ?? '—');
  return status(s, ICON[s] ?? '?', s in ICON ? v.code('health', s === 'ok' ? 'ok' : s) : s);
};

/** The server's own health: overall, version and uptime, and each of its checks. */
export function serverHealth(v: View, state: SourceState<ServerHealth> | undefined): TemplateResult {
  const h = state?.data;
  const checks = Object.entries(h?.checks ?? {});
  const head = [v.t('diag.check'), v.t('diag.status'), v.t('diag.checkLatency'), v.t('diag.message')];
  return html`<section part="health" aria-labelledby="server-health">
    <h3 id="server-health">${v.t('diag.health')}: ${state?.error ? v.t('diag.healthFailing') : h ? serverStatus(v, h.status) : v.t('diag.loading')}</h3>
    ${state?.error ? html`<p>${v.t('diag.healthError', { message: v.error(state.error) })}</p>` : nothing}
    ${
      state?.error && h && state.updatedAt !== null
        ? html`<p>${v.t('diag.lastKnown', { status: v.code('health', String(h.status ?? 'unknown')), time: v.ago(state.updatedAt) })}</p>`
        : nothing
    }
    ${
      h?.version !== undefined
        ? html`<p>${v.t('diag.version', { version: String(h.version), uptime: v.n(h.uptimeS, { style: 'unit', unit: 'second', unitDisplay: 'short' }) })}</p>`
        : nothing
    }
    ${
      checks.length
        ? table(
            v.t('diag.checks'),
            head,
            checks.map(
              ([name, c]) =>
                html`<tr role="row"><th scope="row" role="rowheader" translate="no">${name}</th>${cell(head[1], serverStatus(v, c?.status))}${cell(head[2], v.ms(c?.latencyMs))}${cell(head[3], html`<span translate="no">${c?.message ?? ''}</span>`)}</tr>`,
            ),
          )
        : nothing
    }
  </section>`;
}
