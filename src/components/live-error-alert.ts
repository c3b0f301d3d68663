import { css } from './host-css.js';
import { html, nothing } from 'lit-html';
import type { Changes, LightProperties } from './light-element.js';
import { repeat } from 'lit-html/directives/repeat.js';
import { define } from './define.js';
import { LiveElement } from './live-element.js';
import { dateTimeFormat, timeFormat } from './locale.js';
import { StoreController } from './store-controller.js';
import { words } from './strings.js';
import { errorAlertWords } from './words/error-alert.js';
import type { LiveError } from '../data/errors.js';
import { $errors, dismissError, type ErrorEntry } from '../stores/errors.js';
import { $sources, findSources } from '../stores/sources.js';

words(errorAlertWords);

/**
 * Explains what went wrong, offers Retry and Dismiss, and closes by itself when the source
 * recovers. Without `source`, it shows every source's errors.
 *
 * @tag live-error-alert
 * @summary The current errors of a source, readable, with a retry.
 * @csspart alert - One error.
 * @csspart message - Its sentence.
 * @csspart details - The disclosure with status, time, attempts and address.
 * @csspart retry - The Retry button.
 * @csspart dismiss - The Dismiss button.
 * @cssprop --live-color-error - Border and icon colour.
 * @cssprop --live-color-error-bg - Background.
 */
export class LiveErrorAlert extends LiveElement {
  static override styles = [
    LiveElement.styles,
    css`
      :host {
        display: block;
      }
      :host(:not([open])) [part='alert'] {
        display: none;
      }
      [part='alert'] {
        display: grid;
        gap: var(--_gap);
        padding: 0.75em 1em;
        margin-block: 0.25em;
        border: 1px solid var(--_error);
        border-inline-start-width: 4px;
        border-radius: var(--_radius);
        background: var(--_error-bg);
      }
      [part='message'] {
        margin: 0;
      }
      [part='message']::before {
        content: '⚠ ';
        color: var(--_error);
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.15em 1em;
        margin: 0.5em 0 0;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .actions {
        display: flex;
        gap: var(--_gap);
      }
      .actions button {
        min-height: 24px;
        padding: 0.25em 0.75em;
        border: 1px solid currentColor;
        background: transparent;
      }
      /* Targets of at least 24 px (WCAG 2.2, 2.5.8). */
      summary {
        min-height: 24px;
        line-height: 24px;
        cursor: pointer;
      }
    `,
  ];

  static override properties: LightProperties = {
    open: { type: Boolean, reflect: true },
  };

  /** Reflected, read-only: there is an error to show. */
  declare open: boolean;

  readonly #errors = new StoreController(this, $errors);
  readonly #sources = new StoreController(this, $sources);
  #shown: ErrorEntry[] = [];
  #retrying = new Set<string>();

  constructor() {
    super();
    this.open = false;
  }

  protected override willUpdate(changed: Changes): void {
    super.willUpdate(changed);
    const names = new Set(findSources(this.source, this.#sources.value).map((s) => s.name));
    this.#shown = Object.values(this.#errors.value).filter((e): e is ErrorEntry => !!e && !e.dismissed && names.has(e.error.source));
    this.open = this.#shown.length > 0;
  }

  async #retry(name: string): Promise<void> {
    const source = findSources(name, this.#sources.value)[0];
    if (!source || this.#retrying.has(name)) return;
    this.#retrying.add(name);
    this.requestUpdate();
    try {
      await source.refresh();
    } finally {
      this.#retrying.delete(name);
      this.requestUpdate();
    }
  }

  #message({ error, retryAt }: ErrorEntry): string {
    let message = this.errorText(error);
    if (retryAt !== null) message += ` ${this.t('retryAt', { time: timeFormat(this.locale).format(retryAt) })}`;
    return this.source ? message : this.t('errorIn', { source: this.sourceLabel(error.source), message });
  }

  #details(error: LiveError) {
    // What the server said and where are its words, not ours: marked so (translate="no").
    const row = (label: string, value: unknown, data = false) =>
      (value ?? '') === '' ? nothing : html`<dt>${label}</dt>${data ? html`<dd translate="no">${value}</dd>` : html`<dd>${value}</dd>`}`;
    return html`<details part="details">
      <summary aria-label=${this.t('detailsNamed', { source: this.sourceLabel(error.source) })}>${this.t('details')}</summary>
      <dl>
        ${row(this.t('details.status'), error.status)} ${row(this.t('details.time'), dateTimeFormat(this.locale).format(error.at))}
        ${row(this.t('details.attempt'), error.attempt)} ${row(this.t('details.url'), error.url, true)}
        ${row(this.t('details.server'), error.detail, true)}
      </dl>
    </details>`;
  }

  protected override render() {
    return html`<div role="alert">
      ${repeat(
        this.#shown,
        (e) => e.error.source,
        (entry) => html`<div part="alert" data-source=${entry.error.source} data-kind=${entry.error.kind}>
          <p part="message">${this.#message(entry)}</p>
          ${this.#details(entry.error)}
          <div class="actions">
            <button
              part="retry"
              type="button"
              aria-busy=${String(this.#retrying.has(entry.error.source)) as 'true' | 'false'}
              aria-label=${this.t('retryNamed', { source: this.sourceLabel(entry.error.source) })}
              @click=${() => this.#retry(entry.error.source)}
            >
              ${this.t('retry')}
            </button>
            <button
              part="dismiss"
              type="button"
              aria-label=${this.t('dismissNamed', { source: this.sourceLabel(entry.error.source) })}
              @click=${() => dismissError(entry.error.source)}
            >
              ${this.t('dismiss')}
            </button>
          </div>
        </div>`,
      )}
    </div>`;
  }
}

define('live-error-alert', LiveErrorAlert);

declare global {
  interface HTMLElementTagNameMap {
    'live-error-alert': LiveErrorAlert;
  }
}
