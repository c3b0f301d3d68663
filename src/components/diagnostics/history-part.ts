import { nothing } from 'lit-html';
import type { AnySource } from '../../data/source.js';
import { $diagnostics } from '../../stores/diagnostics.js';
import type { PageHealth } from '../../stores/health.js';
import type { LiveAlertDetail } from '../events.js';
import type { View } from './view.js';

type History = typeof import('./history.js');

/** What the part needs of its panel. */
interface Panel {
  readonly shadowRoot: ShadowRoot | null;
  readonly open: boolean;
  requestUpdate(): void;
}

/**
 * The diagnostics panel's record of what happened: the part that keeps and draws it (history.ts,
 * with its words, its look and the report) is loaded when the panel first records (open, `record`
 * or `failing-for`), follows the timeline while it records, and lets go of it when it stops.
 */
export class HistoryPart {
  /** The loaded part, once it has come. */
  module: History | undefined;
  /** The sources whose charts and timeline are open. */
  readonly opened = new Set<string>();
  #stop: (() => void) | undefined;

  constructor(private readonly panel: Panel) {}

  /** The part and its look (a failed load is tried again next time). */
  async load(): Promise<History> {
    if (this.module) return this.module;
    const m = await import('./history.js');
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(m.historyStyles);
    const root = this.panel.shadowRoot!;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return (this.module = m);
  }

  /**
   * Records while `on`, alerting after `failingFor` when given (`tell` fires and says it); stops
   * otherwise. Recording already, it goes on as it was: `stop()` first to change the threshold.
   */
  record(on: boolean, failingFor: string | null, view: () => View, tell: (detail: LiveAlertDetail, sentence: string) => void): void {
    if (!on) return this.stop();
    if (this.#stop) return;
    let stopped = false;
    this.#stop = () => (stopped = true);
    void this.load().then((m) => {
      if (stopped) return;
      const offs = [m.$timeline.listen(() => this.panel.open && this.panel.requestUpdate())];
      if (failingFor) offs.push(m.alertOnFailure(failingFor, view, tell));
      this.#stop = () => offs.forEach((off) => off());
      this.panel.requestUpdate();
    });
  }

  stop(): void {
    this.#stop?.();
    this.#stop = undefined;
  }

  /** Each source's record of what happened, once the part has come. */
  render(v: View, sources: readonly AnySource[], page: PageHealth | undefined) {
    const m = this.module;
    if (!m) return nothing;
    const timelines = m.$timeline.get();
    const stats = $diagnostics.get();
    const now = Date.now();
    const update = () => this.panel.requestUpdate();
    return sources.map((s) => m.history(v, s.name, timelines[s.name], stats[s.name]?.recent, page?.sources[s.name], now, this.opened, update));
  }

  /** The report (with the timelines) on the clipboard, else downloaded: true when copied. */
  async copy(): Promise<boolean> {
    return (await this.load()).copyReport();
  }

  /** The report downloaded as a file. */
  async save(): Promise<void> {
    (await this.load()).saveReport();
  }
}
