/** Marks a style sheet, so the build tidies it as it tidies Lit's `css` (rollup.config.mjs). */
export const css = String.raw;

/**
 * What every element's host takes from the theme, and honours: the page's font and text colour
 * (`--live-font`, `--live-color-text`), `hidden`, and no motion for those who asked for none.
 * Plain text, so an element that stands on no Lit (`light-element.ts`) has it too; a text element
 * (`live-text.ts`) needs no more of the theme.
 */
export const HOST_CSS = css`
  :host {
    font-family: var(--live-font, inherit);
    color: var(--live-color-text, CanvasText);
  }
  :host([hidden]) {
    display: none !important;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
    }
  }
`;
