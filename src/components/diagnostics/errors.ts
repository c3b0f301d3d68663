import { html, type TemplateResult } from 'lit-html';
import type { LiveError } from '../../data/errors.js';
import { cell, table, type View } from './view.js';

/** The last errors, newest first, in the page's words. */
export function errorsTable(v: View, errors: readonly LiveError[]): TemplateResult {
  const head = ['time', 'source', 'kind', 'serverSays'].map((k) => v.t(`diag.${k}` as 'diag.time'));
  return table(
    v.t('diag.errors'),
    head,
    errors.length
      ? errors.map(
          (e) => html`<tr role="row">
            ${cell(head[0], html`<time datetime=${new Date(e.at).toISOString()}>${v.dateTime(e.at)}</time>`)}
            <th scope="row" role="rowheader">${v.label(e.source)}</th>
            ${cell(head[2], v.error(e))} ${cell(head[3], html`<span translate="no">${e.detail ?? ''}</span>`)}
          </tr>`,
        )
      : [html`<tr role="row"><td role="cell" colspan="4">${v.t('diag.none')}</td></tr>`],
  );
}
