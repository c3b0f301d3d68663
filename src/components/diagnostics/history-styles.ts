import { css } from '../host-css.js';

/**
 * The look of what happened (diagnostics/history.ts), adopted by the panel when that part
 * loads: colours from the theme, the state's colour only repeating what the bar's lane says,
 * time running left to right in every language, and nothing that moves.
 */
export const historyStyles = css`
  .history {
    display: grid;
    gap: 0.5em;
    min-width: 0;
  }
  .lanes {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 2px 0.5em;
    align-items: center;
  }
  .lanes svg {
    width: 100%;
    height: 0.75em;
    background: var(--live-color-border, light-dark(#d0d7de, #3d444d));
  }
  .lanes rect {
    fill: var(--_c, var(--_muted));
  }
  [data-state='live'] {
    --_c: var(--_live);
  }
  [data-state='cache'] {
    --_c: var(--_cache);
  }
  [data-state='fallback'] {
    --_c: var(--_fallback);
  }
  [data-state='stale'],
  [data-state='reconnecting'] {
    --_c: var(--_warn);
  }
  [data-state='error'],
  [data-state='retrying'] {
    --_c: var(--_error);
  }
  [data-state='offline'] {
    --_c: var(--_offline);
  }
  .history details > :not(summary) {
    margin-top: 0.5em;
  }
  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: 0.75em;
  }
  figure {
    margin: 0;
    display: flex;
    flex-direction: column;
    justify-content: space-between;
  }
  .chart {
    display: block;
    width: 100%;
    height: 3em;
    margin-top: 0.25em;
    border-bottom: 1px solid var(--_muted);
  }
  .chart path {
    fill: none;
    vector-effect: non-scaling-stroke;
  }
  .line {
    stroke: var(--_cache);
    stroke-width: 2;
  }
  .goal {
    stroke: var(--_muted);
    stroke-dasharray: 4 3;
  }
  .bar {
    fill: var(--_live);
  }
  .miss {
    fill: var(--_error);
  }
  .axis {
    display: flex;
    justify-content: space-between;
    direction: ltr;
    color: var(--_muted);
  }
  .scroll {
    max-height: 20em;
    overflow: auto;
  }
  .scroll:focus-visible {
    outline: 2px solid var(--_focus);
  }
  @container (max-width: 72rem) {
    .scroll caption {
      display: block;
    }
  }
`;
