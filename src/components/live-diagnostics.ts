import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { define } from './define.js';
import { diagnosticsStyles } from './diagnostics-styles.js';
import { LiveElement } from './live-element.js';
import { dateTimeFormat, numberFormat, timeFormat } from './locale.js';
import { TickController } from './tick-controller.js';
import { words } from './strings.js';
import { diagnosticsWords } from './words/diagnostics.js';
import { clearCache } from '../data/cache.js';
import { createSource, type Source } from '../data/source.js';
import { $diagnostics, $totals, type SourceStats } from '../stores/diagnostics.js';
import { $errorLog } from '../stores/errors.js';
import { diagnosticsReport, redactUrl } from '../stores/report.js';
import { $sources, getSource } from '../stores/sources.js';
import { $streams } from '../stores/streams.js';
import { $tabs } from '../stores/tabs.js';

words(diagnosticsWords);

interface Health {
  status?: string;
  checks?: Record<string, { status?: string; latencyMs?: number; message?: string } | null>;
  version?: string;
  uptimeS?: number;
}

const STATUS_ICON: Record<string, string> = { ok: '✓', degraded: '!', down: '✕' };

/**
 * A support engineer's view of the whole client: every source's state and figures, streams,
 * cache, recent errors and the server's health, with actions and a redacted JSON report.
 * Collapsed, it subscribes to nothing and renders nothing but its summary.
 *
 * @tag live-diagnostics
 * @summary Requests, cache hits, latency, errors, stream and cache state, server health.
 * @csspart panel - The `<details>` element.
 * @csspart summary - Its summary line.
 * @csspart actions - The action buttons.
 * @csspart table - Each table.
 * @csspart health - The health section.
 */
export class LiveDiagnostics extends LiveElement {
  static override styles = [LiveElement.styles, diagnosticsStyles];

  static override properties = {
    open: { type: Boolean, reflect: true },
    health: {},
  };

  /** Expanded (reflected; the user toggles it). */
  declare open: boolean;
  /** A health endpoint (see the README's contract), read every 30 s while open. */
  declare health: string | null;

  readonly #tick = new TickController(this);
  #unwatch: (() => void)[] = [];
  #healthSource: Source<Health> | undefined;
  #announce = '';
  readonly #copy = new Task(this, {
    autoRun: false,
    task: async () => {
      const text = JSON.stringify(diagnosticsReport(), null, 2);
      try {
        await navigator.clipboard.writeText(text);
        return this.t('diag.copied');
      } catch {
        // The clipboard needs permission and focus; a file always works.
        const a = document.createElement('a');
        a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
        a.download = `live-widgets-diagnostics-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
        a.click();
        setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
        return this.t('diag.downloaded');
      }
    },
  });

  constructor() {
    super();
    this.open = false;
    this.health = null;
  }

  override get sourceName(): false {
    return false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The first update watches (willUpdate); a panel put back on the page watches again here.
    if (this.open && this.hasUpdated) this.#watch();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopWatching();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!changed.has('open') && !changed.has('health')) return;
    if (this.open && this.isConnected) this.#watch();
    else this.#stopWatching();
  }

  /** Subscribes to the stores, to every source's state (and reads the health endpoint) only while open. */
  #watch(): void {
    this.#stopWatching();
    const update = () => this.requestUpdate();
    this.#unwatch = [$diagnostics, $streams, $errorLog, $tabs].map((store) => store.listen(update));
    // A state changes without a request (a stream event, the move to stale): follow each source's own.
    let states: (() => void)[] = [];
    const follow = (sources: ReadonlyMap<string, Source<unknown>>) => {
      states.forEach((off) => off());
      states = [...sources.values()].map((source) => source.$state.listen(update));
      update();
    };
    this.#unwatch.push($sources.subscribe(follow), () => states.forEach((off) => off()));
    if (this.health) {
      // Health is read through a source like any data: polled every 30 s while the panel is open.
      const name = `health:${this.health}`;
      const existing = getSource<Health>(name);
      const source = existing ?? createSource<Health>(name, { src: this.health, poll: '30s', retry: { attempts: 1 } });
      this.#healthSource = source;
      this.#unwatch.push(source.$state.subscribe(update));
      if (!existing) this.#unwatch.push(() => source.dispose());
    }
  }

  #stopWatching(): void {
    this.#unwatch.splice(0).forEach((off) => off());
    this.#healthSource = undefined;
  }

  #onToggle(e: Event): void {
    this.open = (e.target as HTMLDetailsElement).open;
  }

  async #refetchAll(): Promise<void> {
    await Promise.all([...$sources.get().values()].map((s) => s.refresh()));
  }

  async #clearCache(): Promise<void> {
    try {
      await clearCache();
      this.#announce = this.t('diag.cacheCleared');
    } catch (e) {
      this.#announce = (e as Error).message;
    }
    this.requestUpdate();
  }

  #n(value: number | null | undefined, options?: Intl.NumberFormatOptions): string {
    return value === null || value === undefined ? '—' : numberFormat(this.locale, options).format(value);
  }

  #ms = (v: number | null | undefined) =>
    this.#n(v === null || v === undefined ? v : Math.round(v), { style: 'unit', unit: 'millisecond', unitDisplay: 'narrow' });

  #table(caption: string, head: string[], rows: TemplateResult[]): TemplateResult {
    // A region that scrolls sideways must be reachable by keyboard.
    return html`<div class="scroll" role="region" tabindex="0" aria-label=${caption}>
      <table part="table">
        <caption>${caption}</caption>
        <thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
        <tbody>${rows}</tbody>
      </table>
    </div>`;
  }

  #sourceRow(source: Source<unknown>, s: SourceStats | undefined): TemplateResult {
    const st = source.state;
    const hit = s && s.successes ? s.notModified / s.successes : null;
    return html`<tr>
      <th scope="row" title=${redactUrl(source.options.src) ?? ''}>${source.name}</th>
      <td>${st.status}${st.retryAt === null ? '' : `, ${this.t('diag.retryAt', { time: timeFormat(this.locale).format(st.retryAt) })}`}</td>
      <td>${st.origin}</td>
      <td>${st.connection}</td>
      <td>${this.#tab(source.name)}</td>
      <td title=${st.updatedAt === null ? '' : dateTimeFormat(this.locale).format(st.updatedAt)}>
        ${st.updatedAt === null ? '—' : this.#tick.ago(st.updatedAt, this.locale, 'narrow')}${st.stale ? ` ⚠ ${this.t('diag.stale')}` : ''}
      </td>
      <td>${this.#n(s?.failuresInRow)}</td>
      <td>${this.#n(s?.requests)}</td>
      <td>${this.#n(s?.successes)}</td>
      <td>${this.#n(s?.notModified)} (${this.#n(hit, { style: 'percent' })})</td>
      <td>${this.#n(s?.inFlight)}</td>
      <td>${this.#ms(s?.lastLatency)} / ${this.#ms(s?.latency.median)} / ${this.#ms(s?.latency.p95)}</td>
      <td>${this.#n(s ? s.bytes / 1024 : null, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 })}</td>
      <td title=${s?.cacheError ?? ''}>${this.#n(s?.cacheReads)} / ${this.#n(s?.cacheWrites)} / ${this.#n(s?.cacheFailures)}</td>
      <td><button type="button" @click=${() => source.refresh()} aria-label=${this.t('diag.refetch', { source: source.name })}>↻</button></td>
    </tr>`;
  }

  /** This tab's role for a source, and how many tabs its group has. */
  #tab(name: string): string {
    const info = $tabs.get()[name];
    return info ? this.t('diag.role', { role: this.t(`diag.role.${info.role}`), tabs: info.tabs }) : '—';
  }

  #healthSection(): TemplateResult | typeof nothing {
    if (!this.health) return nothing;
    const state = this.#healthSource?.state;
    const h = state?.data;
    const checks = Object.entries(h?.checks ?? {});
    const word = (status: unknown) => html`<span class="status" data-status=${String(status)}
      ><span aria-hidden="true">${STATUS_ICON[String(status)] ?? '?'}</span> ${String(status ?? '—')}</span
    >`;
    return html`<div part="health">
      <h3>${this.t('diag.health')}: ${state?.error ? this.t('diag.healthFailing', { message: state.error.message }) : h ? word(h.status) : this.t('diag.loading')}</h3>
      ${
        state?.error && h && state.updatedAt !== null
          ? html`<p>${this.t('diag.lastKnown', { status: String(h.status ?? '—'), time: this.#tick.ago(state.updatedAt, this.locale) })}</p>`
          : nothing
      }
      ${
        h?.version !== undefined
          ? html`<p>${this.t('diag.version', { version: String(h.version), uptime: this.#n(h.uptimeS, { style: 'unit', unit: 'second', unitDisplay: 'short' }) })}</p>`
          : nothing
      }
      ${
        checks.length
          ? this.#table(
              this.t('diag.check'),
              [this.t('diag.check'), this.t('diag.status'), this.t('diag.checkLatency'), this.t('diag.message')],
              checks.map(
                ([name, c]) =>
                  html`<tr><th scope="row">${name}</th><td>${word(c?.status)}</td><td>${this.#ms(c?.latencyMs)}</td><td>${c?.message ?? ''}</td></tr>`,
              ),
            )
          : nothing
      }
    </div>`;
  }

  #body(): TemplateResult {
    const totals = $totals.get();
    const stats = $diagnostics.get();
    const sources = [...$sources.get().values()];
    const streams = Object.entries($streams.get()).filter((e): e is [string, NonNullable<(typeof e)[1]>] => !!e[1]);
    const errors = $errorLog.get();
    return html`<div class="body">
      <div part="actions" class="actions">
        <button type="button" @click=${this.#refetchAll}>${this.t('diag.refetchAll')}</button>
        <button type="button" @click=${this.#clearCache}>${this.t('diag.clearCache')}</button>
        <button type="button" aria-busy=${this.#copy.status === TaskStatus.PENDING ? 'true' : 'false'} @click=${() => this.#copy.run()}>${this.t('diag.copy')}</button>
        <span role="status">${this.#copy.render({ complete: (m) => m }) ?? ''}${this.#announce}</span>
      </div>
      <dl class="totals" aria-label=${this.t('diag.totals')}>
        <div><dt>${this.t('diag.requests')}</dt><dd>${this.#n(totals.requests)}</dd></div>
        <div><dt>${this.t('diag.successes')}</dt><dd>${this.#n(totals.successes)}</dd></div>
        <div><dt>${this.t('diag.failures')}</dt><dd>${this.#n(totals.failures)}</dd></div>
        <div><dt>${this.t('diag.notModified')}</dt><dd>${this.#n(totals.notModified)} (${this.#n(totals.hitRate, { style: 'percent' })})</dd></div>
        <div><dt>${this.t('diag.inFlight')}</dt><dd>${this.#n(totals.inFlight)}</dd></div>
        <div><dt>${this.t('diag.bytes')}</dt><dd>${this.#n(totals.bytes / 1024, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 })}</dd></div>
      </dl>
      ${this.#healthSection()}
      ${this.#table(
        this.t('diag.sources'),
        [
          'source',
          'status',
          'origin',
          'connection',
          'tab',
          'updated',
          'failuresInRow',
          'requests',
          'successes',
          'notModified',
          'inFlight',
          'latency',
          'bytes',
          'cache',
          'actions',
        ].map((k) => this.t(`diag.${k}` as `diag.source`)),
        sources.map((s) => this.#sourceRow(s, stats[s.name])),
      )}
      ${
        streams.length
          ? this.#table(
              this.t('diag.streams'),
              ['url', 'transport', 'state', 'reconnects', 'events', 'lastEventId', 'message'].map((k) => this.t(`diag.${k}` as `diag.url`)),
              streams.map(
                ([url, s]) => html`<tr>
                <th scope="row">${redactUrl(url)}</th>
                <td>${
                  s.url === url
                    ? this.t(`diag.transport.${s.transport}`)
                    : this.t('diag.via', { transport: this.t(`diag.transport.${s.transport}`), url: redactUrl(s.url) ?? '' })
                }</td>
                <td>${s.state}${s.retryAt === null ? '' : `, ${this.t('diag.retryAt', { time: timeFormat(this.locale).format(s.retryAt) })}`}</td>
                <td>${this.#n(s.reconnects)}</td>
                <td>${this.#n(s.events)}</td>
                <td>${s.lastEventId || '—'}</td>
                <td>${s.error?.message ?? ''}</td>
              </tr>`,
              ),
            )
          : nothing
      }
      ${this.#table(
        this.t('diag.errors'),
        ['time', 'source', 'kind', 'message'].map((k) => this.t(`diag.${k}` as `diag.time`)),
        errors.length
          ? errors.map(
              (e) => html`<tr>
                <td>${dateTimeFormat(this.locale).format(e.at)}</td>
                <th scope="row">${e.source}</th>
                <td>${e.kind}${e.status ? ` ${e.status}` : ''}</td>
                <td>${e.message}${e.detail ? html` — ${e.detail}` : nothing}</td>
              </tr>`,
            )
          : [html`<tr><td colspan="4">${this.t('diag.none')}</td></tr>`],
      )}
    </div>`;
  }

  protected override render() {
    return html`<details part="panel" ?open=${this.open} @toggle=${this.#onToggle}>
      <summary part="summary">${this.t('diag.title')}</summary>
      ${this.open ? this.#body() : nothing}
    </details>`;
  }
}

define('live-diagnostics', LiveDiagnostics);

declare global {
  interface HTMLElementTagNameMap {
    'live-diagnostics': LiveDiagnostics;
  }
}
