import { css, HOST_CSS } from './host-css.js';

/**
 * The theme the elements that render templates share (`live-element.ts`): `HOST_CSS`, and the
 * colours, radius and space they draw with, the screen-reader-only text, the buttons and their
 * focus ring. Hosts set `--live-*` properties; colours follow the page's `color-scheme` (light or
 * dark) through `light-dark()`.
 */
export const BASE_CSS =
  HOST_CSS +
  css`
  :host {
    --_radius: var(--live-radius, 0.375rem);
    --_gap: var(--live-space, 0.5rem);
    --_muted: var(--live-color-muted, light-dark(#57606a, #9198a1));
    --_live: var(--live-color-live, light-dark(#1a7f37, #3fb950));
    --_cache: var(--live-color-cache, light-dark(#0969da, #4493f8));
    --_fallback: var(--live-color-fallback, light-dark(#8250df, #ab7df8));
    --_offline: var(--live-color-offline, light-dark(#6e7781, #9198a1));
    --_warn: var(--live-color-stale, light-dark(#9a6700, #d29922));
    --_error: var(--live-color-error, light-dark(#cf222e, #f85149));
    --_error-bg: var(--live-color-error-bg, light-dark(#ffebe9, #3c1618));
    --_focus: var(--live-color-focus, light-dark(#0969da, #4493f8));
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
  }
  button:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
`;
