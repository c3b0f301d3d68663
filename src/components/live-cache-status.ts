import { html, nothing } from 'lit-html';
import type { Changes, LightProperties } from './light-element.js';
import { define } from './define.js';
import { LiveElement } from './live-element.js';
import { ReaderElement } from './reader-element.js';
import { numberFormat } from './locale.js';
import { words } from './strings.js';
import { cacheStatusWords } from './words/cache-status.js';
import { resolveHeaders, type HeadersOption } from '../data/options.js';
import { $sources } from '../stores/sources.js';
import { bytes, readAppCacheStatus, seconds, type AppCacheStatus } from './app-cache-status.js';
import { cacheStatusStyles } from './cache-status-styles.js';

words(cacheStatusWords);

type Action = 'warm' | 'clear';

/**
 * An application cache on the server: how many keys it holds, their size, the chance of a hit,
 * the average time to live, and each key's age and time to live; and, for an operator, "Warm the
 * cache" and "Clear the cache", each confirmed first. After a clear, every source of the page
 * fetches its data again. Reads `src` itself (a source named `cache:<src>`, polled every 10 s unless
 * `poll` says otherwise) and posts to `warm` and `clear` beside it, with the `headers` property (the operator's
 * token, which never goes in an attribute). Escape cancels a question; an action with no answer
 * in 30 s fails and says so. Bound to another source (`source`), it offers no action.
 *
 * @tag live-cache-status
 * @summary An application cache's status, and warming and clearing it.
 * @csspart summary - The figures: keys, size, hit probability, average time to live.
 * @csspart keys - The table of keys.
 * @csspart actions - The two buttons.
 * @csspart warm - The "Warm the cache" button.
 * @csspart clear - The "Clear the cache" button.
 * @csspart confirm - The question asked before an action, with its two buttons.
 * @csspart confirm-button - The button that confirms it.
 * @csspart cancel - The button that cancels it.
 * @csspart result - What the last action did (announced).
 * @csspart error - Why the last action failed (announced as an alert).
 * @csspart message - Loading and unavailable messages.
 * @cssprop --live-color-error - Colour of a failure.
 */
export class LiveCacheStatus extends ReaderElement<unknown> {
  static override styles = [LiveElement.styles, cacheStatusStyles];

  static override properties: LightProperties = {
    headers: { attribute: false },
  };

  /** Headers for warming and clearing (the operator's token), or a function returning them. Property only. */
  declare headers: HeadersOption | null;

  #status: AppCacheStatus | undefined;
  /** The action waiting for its confirmation, and the one running. */
  #asking: Action | null = null;
  #running: Action | null = null;
  #said = '';
  #failure = '';

  constructor() {
    super();
    this.headers = null;
  }

  protected get kind(): string {
    return 'cache';
  }

  protected get defaultPoll(): number {
    return 10_000;
  }

  protected override willUpdate(changed: Changes): void {
    super.willUpdate(changed);
    const data = this.bound.state?.data;
    try {
      this.#status = data === undefined ? undefined : readAppCacheStatus(data);
    } catch {
      this.#status = undefined;
    }
  }

  #ask(action: Action | null, focus: string): void {
    this.#asking = action;
    this.requestUpdate();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[part~='${focus}']`)?.focus());
  }

  async #act(action: Action, src: string): Promise<void> {
    // Focus stays on the action's button, busy now, as the question goes.
    this.#ask(null, action);
    this.#running = action;
    this.#said = this.#failure = '';
    // Its own signal, asked after a failure: WebKit rejects with an AbortError, not the timeout.
    const limit = AbortSignal.timeout(30_000);
    try {
      // Beside `src` only: the operator's token never goes where another source points.
      const res = await fetch(new URL(action, new URL(src, document.baseURI)), {
        method: 'POST',
        headers: await resolveHeaders(this.headers ?? undefined),
        credentials: 'same-origin',
        signal: limit,
      });
      const body = (await res.json().catch(() => null)) as { error?: string; message?: string; warmed?: string[]; cleared?: number } | null;
      if (!res.ok) throw new Error(body?.error ?? body?.message ?? `HTTP ${res.status}`);
      this.#said =
        action === 'warm' ? this.t('cache.warmed', { keys: (body?.warmed ?? []).join(', ') }) : this.t('cache.cleared', { count: body?.cleared ?? 0 });
      // After a clear every source of the page asks again; after a warm, this status.
      for (const source of action === 'clear' ? $sources.get().values() : [this.bound.source]) void source?.revalidate();
    } catch (e) {
      // The engine's own words for a timeout or a network failure differ; ours are the element's.
      const { name, message } = e as Error;
      const why = limit.aborted ? this.t('cache.noAnswer') : name === 'TypeError' ? this.t('cache.unreachable') : message;
      this.#failure = this.t(action === 'warm' ? 'cache.warmFailed' : 'cache.clearFailed', { message: why });
    }
    this.#running = null;
    this.requestUpdate();
  }

  #seconds(s: number | null): string {
    return s === null ? this.t('cache.unknown') : seconds(this.locale, s);
  }

  /** Our two stores in words; another server's own word as it is (not translated). */
  #store(store: string) {
    return store === 'memory' || store === 'redis' ? this.t(`cache.store.${store}`) : html`<span translate="no">${store}</span>`;
  }

  #bytes(b: number | null): string {
    return b === null ? this.t('cache.unknown') : bytes(this.locale, b);
  }

  /** The buttons, for an element that reads `src` itself (warm and clear are posted beside it). */
  #actions() {
    const src = this.src;
    if (!src || this.source) return nothing;
    const asking = this.#asking;
    if (asking) {
      return html`<div
        part="confirm"
        role="group"
        aria-label=${this.t(asking === 'warm' ? 'cache.warm' : 'cache.clear')}
        @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.#ask(null, asking)}
      >
        <p>${this.t(asking === 'warm' ? 'cache.confirmWarm' : 'cache.confirmClear')}</p>
        <button part="confirm-button" type="button" @click=${() => void this.#act(asking, src)}>
          ${this.t(asking === 'warm' ? 'cache.doWarm' : 'cache.doClear')}
        </button>
        <button part="cancel" type="button" @click=${() => this.#ask(null, asking)}>${this.t('cache.cancel')}</button>
      </div>`;
    }
    const button = (action: Action) => {
      const busy = this.#running === action;
      return html`<button
        part=${action}
        type="button"
        aria-disabled=${String(!!this.#running) as 'true' | 'false'}
        @click=${() => !this.#running && this.#ask(action, 'confirm-button')}
      >
        ${this.t(busy ? (action === 'warm' ? 'cache.warming' : 'cache.clearing') : action === 'warm' ? 'cache.warm' : 'cache.clear')}
      </button>`;
    };
    return html`<div part="actions">${button('warm')} ${button('clear')}</div>`;
  }

  protected override render() {
    const state = this.bound.state;
    const status = this.#status;
    const outcome = html`<p part="result" role="status">${this.#said}</p>
      <p part="error" role="alert">${this.#failure}</p>`;
    if (!status) {
      const message =
        state?.error && state.data === undefined
          ? this.t('cache.unavailable', { message: this.errorText(state.error) })
          : state?.data !== undefined
            ? this.t('cache.unavailable', { message: 'unexpected response' })
            : this.t('cache.loading');
      return html`<p part="message" role="status">${message}</p>
        ${this.#actions()}${outcome}`;
    }
    const pct = status.hitProbability === null ? this.t('cache.unknown') : numberFormat(this.locale, { style: 'percent' }).format(status.hitProbability);
    return html`<dl part="summary">
        <div><dt>${this.t('cache.keys')}</dt><dd>${numberFormat(this.locale).format(status.totalKeys)}</dd></div>
        <div><dt>${this.t('cache.size')}</dt><dd>${this.#bytes(status.estimatedSize)}</dd></div>
        <div><dt>${this.t('cache.hitRate')}</dt><dd>${pct}</dd></div>
        <div><dt>${this.t('cache.avgTtl')}</dt><dd>${this.#seconds(status.avgTtl)}</dd></div>
        ${status.store ? html`<div><dt>${this.t('cache.store')}</dt><dd>${this.#store(status.store)}</dd></div>` : nothing}
      </dl>
      ${
        status.keys.length
          ? html`<table part="keys">
              <caption class="sr-only">${this.t('cache.label')}</caption>
              <thead>
                <tr>
                  <th scope="col">${this.t('cache.key')}</th>
                  <th scope="col">${this.t('cache.age')}</th>
                  <th scope="col">${this.t('cache.ttl')}</th>
                  <th scope="col">${this.t('cache.entrySize')}</th>
                </tr>
              </thead>
              <tbody>
                ${status.keys.map(
                  (k) =>
                    html`<tr>
                      <th scope="row" translate="no">${k.key}</th>
                      <td>${this.#seconds(k.age)}</td>
                      <td>${this.#seconds(k.ttl)}</td>
                      <td>${this.#bytes(k.size)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p part="message">${this.t('cache.empty')}</p>`
      }
      ${this.#actions()}${outcome}`;
  }
}

define('live-cache-status', LiveCacheStatus);

declare global {
  interface HTMLElementTagNameMap {
    'live-cache-status': LiveCacheStatus;
  }
}
