import { css } from 'lit';

/** The diagnostics panel's look: dense tables that scroll sideways on narrow screens. */
export const diagnosticsStyles = css`
  :host {
    display: block;
    font-size: 0.875rem;
  }
  details {
    border: 1px solid var(--live-color-border, light-dark(#d0d7de, #3d444d));
    border-radius: var(--_radius);
    padding: 0.5em 0.75em;
  }
  summary {
    cursor: pointer;
    font-weight: 600;
  }
  summary:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .body {
    display: grid;
    gap: 0.75em;
    margin-top: 0.75em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
  }
  .actions button,
  td button {
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
  .scroll {
    overflow-x: auto;
  }
  .scroll:focus-visible {
    outline: 2px solid var(--_focus);
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
    padding: 0.25em 0.5em;
    border-bottom: 1px solid var(--live-color-border, light-dark(#d0d7de, #3d444d));
    white-space: nowrap;
  }
  thead th {
    color: var(--_muted);
    font-weight: 500;
  }
  h3 {
    font-size: 1em;
    margin: 0;
  }
  .status[data-status='ok'] {
    color: var(--_live);
  }
  .status[data-status='degraded'] {
    color: var(--_warn);
  }
  .status[data-status='down'] {
    color: var(--_error);
  }
`;
