import { css } from './host-css.js';
import { html, nothing, svg } from 'lit-html';
import { define } from './define.js';
import type { LightProperties } from './light-element.js';
import { LiveElement } from './live-element.js';
import { words } from './strings.js';
import { refreshButtonWords } from './words/refresh-button.js';
import { findSources } from '../stores/sources.js';
import type { LiveRefreshDetail } from './events.js';

words(refreshButtonWords);

/** A circular arrow; it turns while busy. */
const ICON = html`<svg part="spinner" viewBox="0 0 16 16" aria-hidden="true">
  ${svg`<path d="M13.5 8a5.5 5.5 0 1 1-1.7-4M13.5 2v3.5H10" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/>`}
</svg>`;

export type { LiveRefreshDetail };

/**
 * A button that refetches past every cache. Without `source`, it refreshes every source. With a
 * source's `purge`, past the server's own cache too: busy through both steps, and a refused purge
 * is a failed refresh.
 *
 * @tag live-refresh-button
 * @summary Forces a cache-busting refetch.
 * @fires {CustomEvent<LiveRefreshDetail>} live-refresh - Before refreshing, on a user's click; cancelable. Detail: `{ sources }`.
 * @slot - The label; defaults to the `label` attribute, else "Refresh".
 * @csspart button - The button.
 * @csspart spinner - The turning icon.
 * @cssprop --live-color-focus - Focus ring.
 */
export class LiveRefreshButton extends LiveElement {
  static override styles = [
    LiveElement.styles,
    css`
      :host {
        display: inline-block;
      }
      button {
        display: inline-flex;
        align-items: center;
        gap: 0.4em;
        padding: 0.35em 0.8em;
        border: 1px solid var(--live-color-border, light-dark(#d0d7de, #3d444d));
        background: var(--live-color-button-bg, light-dark(#f6f8fa, #212830));
      }
      button[aria-disabled='true'] {
        cursor: progress;
        opacity: 0.8;
      }
      [part='spinner'] {
        width: 1em;
        height: 1em;
        flex: none;
      }
      :host([busy]) [part='spinner'] {
        animation: spin 0.8s linear infinite;
      }
      @keyframes spin {
        to {
          transform: rotate(1turn);
        }
      }
    `,
  ];

  static override properties: LightProperties = {
    label: {},
    busy: { type: Boolean, reflect: true },
  };

  /** The button's text when no label is slotted. */
  declare label: string | null;
  /** True while its refresh runs; further clicks are ignored. */
  declare busy: boolean;

  #announce = '';

  constructor() {
    super();
    this.label = null;
    this.busy = false;
  }

  /** Refreshes the bound sources (all when none is named), as a click does, without the event. */
  async refresh(): Promise<void> {
    const sources = findSources(this.source);
    if (this.busy || !sources.length) return;
    this.busy = true;
    this.#announce = this.t('refreshing');
    try {
      const states = await Promise.all(sources.map((s) => s.refresh()));
      this.#announce = this.t(states.some((s) => s.status === 'error') ? 'refreshFailed' : 'refreshed');
    } finally {
      this.busy = false;
    }
  }

  #onClick(): void {
    if (this.busy) return;
    const detail: LiveRefreshDetail = { sources: findSources(this.source).map((s) => s.name) };
    if (this.emit_('live-refresh', detail, true)) void this.refresh();
  }

  protected override render() {
    const label = this.label || this.t('refresh');
    // Bound to one source and showing its own word, the button says which source it refreshes (a page may have several).
    const named = this.source && !this.label && !this.firstChild ? this.t('refreshNamed', { source: this.sourceLabel(this.source) }) : undefined;
    return html`<button
        part="button"
        type="button"
        aria-label=${named ?? nothing}
        aria-busy=${String(this.busy) as 'true' | 'false'}
        aria-disabled=${String(this.busy) as 'true' | 'false'}
        @click=${this.#onClick}
      >
        ${ICON}<slot>${label}</slot></button
      ><span class="sr-only" role="status">${this.#announce}</span>`;
  }
}

define('live-refresh-button', LiveRefreshButton);

declare global {
  interface HTMLElementTagNameMap {
    'live-refresh-button': LiveRefreshButton;
  }
}
