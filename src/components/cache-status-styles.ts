import { css } from './host-css.js';

/** `<live-cache-status>`'s look: the figures in a grid, the keys in a table, the actions in a row. */
export const cacheStatusStyles = css`
      :host {
        display: block;
      }
      dl {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(9em, 1fr));
        gap: 0.5em var(--_gap);
        margin: 0 0 0.75em;
      }
      dt {
        color: var(--_muted);
        font-size: 0.85em;
      }
      dd {
        margin: 0;
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-variant-numeric: tabular-nums;
      }
      th,
      td {
        text-align: start;
        padding: 0.3em 0.5em 0.3em 0;
        border-bottom: 1px solid var(--live-color-border, light-dark(#d0d7de, #3d444d));
      }
      [part~='actions'],
      [part~='confirm'] {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5em;
        margin-top: 0.75em;
      }
      [part~='confirm'] p {
        margin: 0;
        flex-basis: 100%;
      }
      button {
        padding: 0.35em 0.8em;
        border: 1px solid var(--live-color-border, light-dark(#d0d7de, #3d444d));
        background: var(--live-color-button-bg, light-dark(#f6f8fa, #212830));
      }
      button[aria-disabled='true'] {
        cursor: progress;
        opacity: 0.8;
      }
      [part~='error'] {
        color: var(--_error);
      }
      [part~='message'],
      [part~='result'] {
        color: var(--_muted);
      }
    `;
