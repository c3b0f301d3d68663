import { html, type TemplateResult } from 'lit-html';
import type { StringKey } from '../strings.js';
import { dateTimeFormat, numberFormat, timeFormat } from '../locale.js';
import { formatSpan } from '../span.js';

/**
 * What each part of the diagnostics panel needs from the element: its words, its language's
 * formats and one way to draw a table. Parts are plain functions of a view and the stores' data.
 */
export interface View {
  t(key: StringKey, vars?: Record<string, string | number>): string;
  /** A code from the data layer (`streaming`, `error`, …) in words, by its group: `diag.status.error`. */
  code(group: 'status' | 'origin' | 'connection' | 'stream' | 'health', value: string): string;
  /** An error in the page's words (`error.<kind>`), else the data layer's message. */
  error(e: { kind: string; status?: number | undefined; message: string }): string;
  /** What people call a source. */
  label(name: string): string;
  n(value: number | null | undefined, options?: Intl.NumberFormatOptions): string;
  ms(value: number | null | undefined): string;
  percent(value: number | null | undefined): string;
  ago(at: number, style?: Intl.RelativeTimeFormatStyle): string;
  time(at: number): string;
  /** "5 minutes" for a span in ms. */
  duration(ms: number): string;
  dateTime(at: number): string;
}

/** The view in `locale`, from what only the element knows: its words, its errors' and sources' names, and its ticker's "ago". */
export function viewIn(locale: string, own: Pick<View, 't' | 'error' | 'label' | 'ago'>): View {
  const n = (value: number | null | undefined, options?: Intl.NumberFormatOptions) =>
    value === null || value === undefined || Number.isNaN(value) ? '—' : numberFormat(locale, options).format(value);
  return {
    ...own,
    code: (group, value) => own.t(`diag.${group}.${value}` as 'diag.title') || value,
    n,
    ms: (v) => n(v === null || v === undefined ? v : Math.round(v), { style: 'unit', unit: 'millisecond', unitDisplay: 'narrow' }),
    percent: (v) => n(v, { style: 'percent', maximumFractionDigits: 1 }),
    time: (at) => timeFormat(locale).format(at),
    dateTime: (at) => dateTimeFormat(locale).format(at),
    duration: (ms) => formatSpan(locale, ms),
  };
}

/** A captioned table; on narrow screens each row stacks, its cells labelled by their column (see the styles). */
export function table(caption: string, head: string[], rows: TemplateResult[], part = 'table'): TemplateResult {
  return html`<table part=${part}>
    <caption>${caption}</caption>
    <thead><tr role="row">${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
    <tbody>${rows}</tbody>
  </table>`;
}

/** A cell that names its column for the stacked layout (`data-label`, shown by CSS with empty alternative text: screen readers read the header). */
export function cell(label: string, content: unknown): TemplateResult {
  return html`<td role="cell" data-label=${label}>${content}</td>`;
}

/** A status with its icon and its word, never its colour alone. */
export function status(kind: string, icon: string, word: string): TemplateResult {
  return html`<span class="status" data-status=${kind}><span aria-hidden="true">${icon}</span> ${word}</span>`;
}
