import { html, nothing } from 'lit-html';
import type { Changes, LightProperties } from './light-element.js';
import { define } from './define.js';
import { diagnosticsStyles } from './diagnostics-styles.js';
import { errorsTable } from './diagnostics/errors.js';
import { sourcesTable, totals } from './diagnostics/requests.js';
import { serverHealth, type ServerHealth } from './diagnostics/server-health.js';
import { cacheTable, streamsTable } from './diagnostics/streams.js';
import { HEALTH_ICON, missedSentence, targetsSection } from './diagnostics/targets.js';
import { status, viewIn, type View } from './diagnostics/view.js';
import type { LiveAlertDetail, LiveHealthDetail } from './events.js';
import { LiveElement } from './live-element.js';
import { logOnce } from '../log-once.js';
import { OwnSource } from './own-source.js';
import { HistoryPart } from './diagnostics/history-part.js';
import { words } from './strings.js';
import { TickController } from './tick-controller.js';
import { shared } from '../shared.js';
import { diagnosticsWords } from './words/diagnostics.js';
import { clearCache } from '../data/clear-cache.js';
import type { HealthStatus } from '../data/health.js';
import type { AnySource, Source } from '../data/source.js';
import { $diagnostics, $totals } from '../stores/diagnostics.js';
import { $errorLog } from '../stores/errors.js';
import { $health, setPageTargets, type PageHealth } from '../stores/health.js';
import { $sources } from '../stores/sources.js';
import { $streams, type StreamStats } from '../stores/streams.js';
import { $tabs } from '../stores/tabs.js';

words(diagnosticsWords);

/** The panels on the page, in the order they came: the first says a missed target, so a page with several says it once. */
const panels = shared('diagnosticsPanels', () => new Set<LiveDiagnostics>());

/**
 * A support engineer's and an operator's view of the whole client: the page's health against
 * its targets, every source's state and figures, streams, the offline cache, recent errors and
 * the server's health, with actions and a redacted JSON report. Closed, it shows the page's
 * health in its summary and follows nothing else.
 *
 * @tag live-diagnostics
 * @summary Health against targets, requests, cache hits, latency, errors, stream and cache state, server health.
 * @fires {CustomEvent<LiveHealthDetail>} live-health - The page's health changed (ok, degraded, failing, unknown). Detail: `{ status, previous, sources }`.
 * @fires {CustomEvent<LiveAlertDetail>} live-alert - With `failing-for`: a source has failed for that long (`kind: 'failing'`), or works again after it had (`'recovered'`). Detail: `{ source, kind, since }`.
 * @csspart panel - The `<details>` element.
 * @csspart summary - Its summary line.
 * @csspart actions - The action buttons.
 * @csspart table - Each table.
 * @csspart targets - The targets table.
 * @csspart health - The server health section.
 * @csspart history - Each source's record of what happened: its states at a glance.
 * @csspart history-details - Its disclosure of the charts and the timeline.
 */
export class LiveDiagnostics extends LiveElement {
  static override styles = [LiveElement.styles, diagnosticsStyles];

  static override properties: LightProperties = {
    open: { type: Boolean, reflect: true },
    record: { type: Boolean },
    failingFor: { attribute: 'failing-for' },
    health: {},
    targets: {},
  };

  /** Expanded (reflected; the user toggles it). */
  declare open: boolean;
  /** Records what happens to each source from the moment the panel is on the page, closed too (open, it always records). */
  declare record: boolean;
  /** Says once, politely, when a source has failed for this long (`30s`, `2m`), and when it works again; fires `live-alert`. Records, as `record` does. */
  declare failingFor: string | null;
  /** A health endpoint (see the server contract), read every 30 s while open. */
  declare health: string | null;
  /** The page's health targets over the defaults: `hit-rate 90%; error-rate 1%; latency 200ms; sync-success 99%; window 5m`. */
  declare targets: string | null;

  readonly #tick = new TickController(this);
  readonly #healthSource = new OwnSource<ServerHealth>();
  #server: Source<ServerHealth> | undefined;
  #unwatch: (() => void)[] = [];
  /** What happened (the timeline and its pictures, the report): a part of its own, loaded when the panel records. */
  readonly #history = new HistoryPart(this);
  #offHealth: (() => void) | undefined;
  #page: PageHealth | undefined;
  /** Targets missed as of the last judgement (`source target`), so that a new miss is said once. */
  #missed = new Set<string>();
  #announce = '';
  /** The announcement has not been rendered yet: more sentences join it rather than replace it. */
  #unsaid = false;
  /** A copy of the report is under way; what the last one said. */
  #copying = false;
  #copied = '';

  constructor() {
    super();
    this.open = this.record = false;
    this.health = this.targets = this.failingFor = null;
  }

  override get sourceName(): false {
    return false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    panels.add(this);
    this.#offHealth = $health.subscribe((page) => this.#judged(page));
    // The first update watches (willUpdate); a panel put back on the page watches again here.
    if (this.open && this.hasUpdated) this.#watch();
    if (this.hasUpdated) this.#recordHistory();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    panels.delete(this);
    this.#offHealth?.();
    this.#offHealth = this.#page = undefined;
    this.#missed.clear();
    this.#stopWatching();
    this.#recordHistory();
  }

  protected override willUpdate(changed: Changes): void {
    super.willUpdate(changed);
    if (changed.has('targets') && this.targets !== null) {
      try {
        setPageTargets(this.targets);
      } catch (e) {
        logOnce(`<live-diagnostics>: ${(e as Error).message}; the targets stay as they were`);
      }
    }
    // A new threshold starts again (what it said of the last one goes with it).
    if (changed.has('failingFor')) this.#history.stop();
    if (changed.has('open') || changed.has('record') || changed.has('failingFor')) this.#recordHistory();
    if (!changed.has('open') && !changed.has('health')) return;
    if (this.open && this.isConnected) this.#watch();
    else this.#stopWatching();
  }

  /** A new judgement: says each target missed since the last one once, tells the host when the page's health changes. */
  #judged(page: PageHealth): void {
    const previous = this.#page;
    this.#page = page;
    const view = this.#view();
    const missed = new Set<string>();
    const said: string[] = [];
    for (const [name, s] of Object.entries(page.sources)) {
      for (const r of s.targets) {
        if (r.verdict !== 'miss') continue;
        missed.add(`${name} ${r.key}`);
        if (!this.#missed.has(`${name} ${r.key}`)) said.push(missedSentence(view, name, r));
      }
    }
    this.#missed = missed;
    // What was missed before the panel was there is shown, not said: only a new miss is news; and one panel says it.
    if (said.length && previous && panels.values().next().value === this) this.#say(said.join(' '));
    if (previous && previous.status !== page.status) {
      const sources = Object.fromEntries(Object.entries(page.sources).map(([name, s]) => [name, s.status]));
      const detail: LiveHealthDetail = { status: page.status, previous: previous.status, sources };
      this.emit_('live-health', detail);
    }
    this.requestUpdate();
  }

  /** Follows the stores and every source's state (and reads the health endpoint) only while open. */
  #watch(): void {
    this.#stopWatching();
    const update = () => this.requestUpdate();
    this.#unwatch = [$diagnostics, $streams, $errorLog, $tabs].map((store) => store.listen(update));
    // A state changes without a request (a stream event, the move to stale): follow each source's own.
    let states: (() => void)[] = [];
    const follow = (sources: ReadonlyMap<string, AnySource>) => {
      states.forEach((off) => off());
      states = [...sources.values()].map((source) => source.$state.listen(update));
      update();
    };
    this.#unwatch.push($sources.subscribe(follow), () => states.forEach((off) => off()));
    if (this.health) {
      // Health is read through a source like any data: polled every 30 s while the panel is open.
      const src = this.health;
      const source = this.#healthSource.ensure(`health:${src}`, () => ({ src, poll: '30s', retry: { attempts: 1 } }));
      this.#server = source;
      this.#unwatch.push(source.$state.listen(update), () => {
        this.#healthSource.release();
        this.#server = undefined;
      });
    }
  }

  /** Records what happens while the panel is on the page and open, or told to record (or to alert); lets go of it otherwise. */
  #recordHistory(): void {
    const tell = (detail: LiveAlertDetail, sentence: string) => {
      this.emit_('live-alert', detail);
      if (panels.values().next().value === this) this.#say(sentence);
    };
    this.#history.record(this.isConnected && (this.open || this.record || !!this.failingFor), this.failingFor, () => this.#view(), tell);
  }

  #stopWatching(): void {
    this.#unwatch.splice(0).forEach((off) => off());
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
      this.#say(this.t('diag.cacheCleared'));
    } catch (e) {
      this.#say((e as Error).message);
    }
  }

  /** Puts a sentence in the live region, after those not yet rendered (two misses in one moment are both said). */
  #say(sentence: string): void {
    this.#announce = this.#unsaid ? `${this.#announce} ${sentence}` : sentence;
    this.#unsaid = true;
    this.requestUpdate();
  }

  protected override updated(): void {
    this.#unsaid = false;
  }

  async #copy(): Promise<void> {
    if (this.#copying) return;
    this.#copying = true;
    this.#copied = '';
    this.requestUpdate();
    this.#copied = this.t((await this.#history.copy()) ? 'diag.copied' : 'diag.downloaded');
    this.#copying = false;
    this.#say(this.#copied);
  }

  async #save(): Promise<void> {
    await this.#history.save();
    this.#say(this.t('diag.saved'));
  }

  /** The words and formats every part draws with. */
  #view(): View {
    return viewIn(this.locale, {
      t: (key, vars) => this.t(key, vars),
      error: (e) => this.errorText(e),
      label: (name) => this.sourceLabel(name),
      ago: (at, style) => this.#tick.ago(at, this.locale, style),
    });
  }

  #body(v: View) {
    const stats = $diagnostics.get();
    const sources = [...$sources.get().values()];
    const streams = Object.entries($streams.get()).filter((e): e is [string, StreamStats] => !!e[1]);
    const cached = sources.filter((s) => s.options.persist || stats[s.name]?.cacheReads || stats[s.name]?.cacheFailures);
    return html`<div class="body">
      <div part="actions" class="actions">
        <button type="button" @click=${this.#refetchAll}>${this.t('diag.refetchAll')}</button>
        <button type="button" @click=${this.#clearCache}>${this.t('diag.clearCache')}</button>
        <button type="button" aria-busy=${String(this.#copying) as 'true' | 'false'} @click=${() => void this.#copy()}>${this.t('diag.copy')}</button>
        <button type="button" @click=${this.#save}>${this.t('diag.download')}</button>
        <span>${this.#copied}</span>
      </div>
      ${totals(v, $totals.get())} ${this.#page && Object.keys(this.#page.sources).length ? targetsSection(v, this.#page) : nothing}
      ${this.health ? serverHealth(v, this.#server?.state) : nothing}
      ${sourcesTable(v, sources, stats, $tabs.get())} ${this.#history.render(v, sources, this.#page)} ${streams.length ? streamsTable(v, streams) : nothing}
      ${cached.length ? cacheTable(v, cached, stats) : nothing} ${errorsTable(v, $errorLog.get())}
    </div>`;
  }

  protected override render() {
    const v = this.#view();
    const health: HealthStatus = this.#page?.status ?? 'unknown';
    return html`<details part="panel" ?open=${this.open} @toggle=${this.#onToggle}>
        <summary part="summary">${this.t('diag.title')} <span class="summary-health">${status(health, HEALTH_ICON[health], v.code('health', health))}</span></summary>
        ${this.open ? this.#body(v) : nothing}
      </details>
      <span class="sr-only" role="status">${this.#announce}</span>`;
  }
}

define('live-diagnostics', LiveDiagnostics);

declare global {
  interface HTMLElementTagNameMap {
    'live-diagnostics': LiveDiagnostics;
  }
}
