import { css } from './host-css.js';
import { html, nothing } from 'lit-html';
import type { Changes, LightProperties } from './light-element.js';
import { repeat } from 'lit-html/directives/repeat.js';
import { define } from './define.js';
import { LiveElement } from './live-element.js';
import { ReaderElement } from './reader-element.js';
import { numberFormat } from './locale.js';
import { logOnce } from '../log-once.js';
import { readSyncStatus, type SyncEntity, type SyncStatus } from './sync-status.js';
import { TickController } from './tick-controller.js';
import { words } from './strings.js';
import { syncStatusWords } from './words/sync-status.js';

words(syncStatusWords);

const ICONS = { ok: '✓', running: '↻', failed: '✕', pending: '•' } as const;

/**
 * The host's background sync jobs: each with its status (icon and word), last sync, record
 * count, progress while running and the error when failed. Reads `src` itself (a source named
 * `sync:<src>`, polled every 30 s by default, paused while hidden), or binds to `source`.
 *
 * @tag live-sync-status
 * @summary The status of the host's background sync jobs.
 * @csspart list - The list.
 * @csspart entity - One job; also `entity-ok`, `entity-running`, `entity-failed`, `entity-pending`.
 * @csspart icon - The status icon.
 * @csspart progress - The progress bar while running.
 * @csspart error - A failed job's error text.
 * @csspart message - Loading, empty and unavailable messages.
 * @csspart notice - Said over the list when the status itself could not be refreshed or is out of date.
 * @cssprop --live-color-live - Colour of `ok`.
 * @cssprop --live-color-error - Colour of `failed`.
 */
export class LiveSyncStatus extends ReaderElement<unknown> {
  static override styles = [
    LiveElement.styles,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.25rem;
      }
      li {
        display: grid;
        grid-template-columns: 1.5em minmax(8em, 1fr) auto;
        align-items: baseline;
        gap: 0.15em var(--_gap);
        padding: 0.4em 0;
        border-bottom: 1px solid var(--live-color-border, light-dark(#d0d7de, #3d444d));
      }
      [part~='icon'] {
        text-align: center;
        font-weight: 700;
      }
      [data-status='ok'] [part~='icon'] {
        color: var(--_live);
      }
      [data-status='failed'] [part~='icon'],
      [part~='error'] {
        color: var(--_error);
      }
      [data-status='running'] [part~='icon'] {
        color: var(--_cache);
        display: inline-block;
        animation: spin 1.5s linear infinite;
      }
      .name {
        font-weight: 600;
      }
      .meta,
      [part~='message'] {
        color: var(--_muted);
      }
      [part~='notice'] {
        margin: 0 0 0.5em;
        padding: 0.4em 0.75em;
        border-inline-start: 4px solid var(--_warn);
        background: var(--live-color-notice-bg, light-dark(#fff8c5, #3d3000));
      }
      .meta {
        text-align: end;
        font-variant-numeric: tabular-nums;
      }
      progress,
      [part~='error'] {
        grid-column: 2 / -1;
      }
      progress {
        width: 100%;
        accent-color: var(--_cache);
      }
      @keyframes spin {
        to {
          transform: rotate(1turn);
        }
      }
    `,
  ];

  static override properties: LightProperties = {
    map: { attribute: false },
  };

  /** Adapts another response shape to `{ entities: [...], updatedAt }`. */
  declare map: ((data: unknown) => unknown) | null;

  readonly #tick = new TickController(this);
  #status: SyncStatus | undefined;
  /** The jobs failed as of the last render, so that a new failure is announced once. */
  #failed: Set<string> | undefined;
  #announce = '';

  constructor() {
    super();
    this.map = null;
  }

  protected get kind(): string {
    return 'sync';
  }

  protected get defaultPoll(): number {
    return 30_000;
  }

  protected override readerOptions() {
    return { timestamp: 'updatedAt' };
  }

  protected override willUpdate(changed: Changes): void {
    super.willUpdate(changed);
    const before = this.#status;
    this.#status = this.#read(this.bound.state?.data);
    if (this.#status !== before) this.#noteFailures();
  }

  /** A job that fails from one answer to the next is announced once (not those failed at first sight). */
  #noteFailures(): void {
    const failed = new Set(this.#status?.entities.filter((e) => e.status === 'failed').map((e) => e.name));
    const fresh = this.#failed ? [...failed].filter((name) => !this.#failed!.has(name)) : [];
    if (this.#status) this.#failed = failed;
    if (fresh.length) this.#announce = fresh.map((name) => this.t('sync.jobFailed', { name })).join(' ');
  }

  #read(data: unknown): SyncStatus | undefined {
    if (data === undefined) return undefined;
    try {
      return readSyncStatus(this.map ? this.map(data) : data);
    } catch (e) {
      logOnce(`<live-sync-status>: the map function failed: ${(e as Error).message}`);
      return undefined;
    }
  }

  #entity(e: SyncEntity) {
    const when = e.lastSyncAt === null ? this.t('sync.never') : this.t('sync.lastSync', { time: this.#tick.ago(e.lastSyncAt, this.locale) });
    const records = e.records === null ? '' : this.t('sync.records', { count: numberFormat(this.locale).format(e.records) });
    return html`<li part="entity entity-${e.status}" data-status=${e.status}>
      <span part="icon" aria-hidden="true">${ICONS[e.status]}</span>
      <span><span class="name" translate="no">${e.name}</span> · ${this.t(`sync.${e.status}`)}</span>
      <span class="meta">${[when, records].filter(Boolean).join(' · ')}</span>
      ${
        e.progress !== null
          ? html`<progress part="progress" max="1" .value=${e.progress} aria-label=${this.t('sync.progress', { name: e.name })}></progress>`
          : nothing
      }
      ${e.status === 'failed' && e.error ? html`<span part="error" translate="no">${e.error}</span>` : nothing}
    </li>`;
  }

  /** Over the list, when the status itself failed or aged: the list is what was known, and says since when. */
  #notice() {
    const state = this.bound.state;
    if (!state || (!state.error && !state.stale)) return nothing;
    const word = state.error ? this.t('sync.failing', { message: this.errorText(state.error) }) : this.t('sync.outdated');
    // The sentence is announced once; the ticking time beside it is not.
    return html`<p part="notice"
      ><span role="status">${word}</span>${
        state.updatedAt === null ? nothing : html` <span>${this.t('sync.asOf', { time: this.#tick.ago(state.updatedAt, this.locale) })}</span>`
      }</p
    >`;
  }

  protected override render() {
    const state = this.bound.state;
    if (!this.#status) {
      const message =
        state?.error && state.data === undefined
          ? this.t('sync.unavailable', { message: this.errorText(state.error) })
          : state?.data !== undefined
            ? this.t('sync.unavailable', { message: 'unexpected response' })
            : this.t('sync.loading');
      return html`<p part="message" role="status">${message}</p>`;
    }
    const announce = html`<span class="sr-only" role="status">${this.#announce}</span>`;
    if (!this.#status.entities.length) return html`${this.#notice()}<p part="message" role="status">${this.t('sync.empty')}</p>${announce}`;
    return html`${this.#notice()}<ul part="list" role="list">
        ${repeat(
          this.#status.entities,
          (e) => e.name,
          (e) => this.#entity(e),
        )}
      </ul>
      ${announce}`;
  }
}

define('live-sync-status', LiveSyncStatus);

declare global {
  interface HTMLElementTagNameMap {
    'live-sync-status': LiveSyncStatus;
  }
}
