import { css } from './host-css.js';

/**
 * The diagnostics panel's look: dense tables on a wide screen; on a narrow one (the panel under
 * 72rem wide: its widest table needs about 70rem in German) each row stacks, every cell labelled
 * by its column, so nothing scrolls sideways.
 * Controls are at least 24 × 24 px (WCAG 2.2, 2.5.8).
 */
export const diagnosticsStyles = css`
  :host {
    display: block;
    font-size: 0.875rem;
    container-type: inline-size;
  }
  details {
    border: 1px solid var(--live-color-border, light-dark(#d0d7de, #3d444d));
    border-radius: var(--_radius);
    padding: 0.5em 0.75em;
  }
  summary {
    cursor: pointer;
    font-weight: 600;
    min-height: 24px;
    display: list-item;
    line-height: 24px;
  }
  summary:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .summary-health {
    font-weight: 400;
    margin-inline-start: 0.5em;
  }
  .body {
    display: grid;
    gap: 1em;
    margin-top: 0.75em;
    min-width: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
  }
  .actions button,
  td button {
    min-height: 24px;
    min-width: 24px;
    padding: 0.2em 0.6em;
    border: 1px solid var(--live-color-border, light-dark(#d0d7de, #3d444d));
    background: var(--live-color-button-bg, light-dark(#f6f8fa, #212830));
  }
  .totals {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1.5em;
    margin: 0;
  }
  .totals dt {
    color: var(--_muted);
  }
  .totals dd {
    margin: 0;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: 0.25em;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 0.25em 0.5em;
    border-bottom: 1px solid var(--live-color-border, light-dark(#d0d7de, #3d444d));
    /* Words stay whole (a column is never narrower than its longest word); a long URL may break. */
    overflow-wrap: break-word;
  }
  th[translate='no'],
  td [translate='no'] {
    overflow-wrap: anywhere;
  }
  thead th {
    color: var(--_muted);
    font-weight: 500;
  }
  h3 {
    font-size: 1em;
    margin: 0;
  }
  p {
    margin: 0.25em 0;
  }
  .status[data-status='ok'],
  .status[data-status='pass'] {
    color: var(--_live);
  }
  .status[data-status='degraded'],
  .status[data-status='miss'],
  .stale {
    color: var(--_warn);
  }
  .status[data-status='down'],
  .status[data-status='failing'] {
    color: var(--_error);
  }
  .status[data-status='unknown'] {
    color: var(--_muted);
  }
  /* Narrow: a row is a block of "column: value" lines under its header cell. */
  @container (max-width: 72rem) {
    table,
    tbody,
    tr,
    th,
    td {
      display: block;
    }
    thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
    tr {
      padding: 0.25em 0;
      border-bottom: 1px solid var(--live-color-border, light-dark(#d0d7de, #3d444d));
    }
    th,
    td {
      border: 0;
      padding: 0.1em 0;
    }
    td[data-label] {
      display: flex;
      gap: 0.5em;
    }
    td[data-label]::before {
      content: attr(data-label) / '';
      flex: 0 0 40%;
      color: var(--_muted);
    }
  }
`;
