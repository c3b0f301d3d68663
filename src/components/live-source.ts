import { createSource, type Source, type SourceState } from '../data/source.js';
import { resolveOptions, type HeadersOption, type SourceOptions } from '../data/options.js';
import { define } from './define.js';
import { LightElement, type Changes, type LightProperties } from './light-element.js';
import { logOnce } from '../log-once.js';
import { DEV } from '../dev.js';

import type { LiveErrorDetail, LiveUpdateDetail } from './events.js';

export type { LiveErrorDetail, LiveUpdateDetail };

function parseJson(attribute: string, value: string | null): unknown {
  if (value === null) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    // The production message names the attribute and the value, as a bad option's does (invalid.ts).
    logOnce(
      DEV ? `<live-source>: "${attribute}" must be JSON; got ${JSON.stringify(value)}; ignoring it` : `live-widgets: "${attribute}" is not valid: ${value}`,
    );
    return undefined;
  }
}

/**
 * Declares a source in HTML, so a page needs no script. Renders nothing, and so needs no Lit
 * (`LightElement`): a page whose other elements need none loads none.
 *
 * @tag live-source
 * @summary A named source of JSON data, polled and kept fresh.
 * @fires {CustomEvent<LiveUpdateDetail>} live-update - The data or its confirmation time changed. Detail: `{ name, data, origin, updatedAt }`.
 * @fires {CustomEvent<LiveErrorDetail>} live-error - A fetch failed after its retries. Detail: `{ name, error }`.
 */
export class LiveSource<T = unknown> extends LightElement {
  static override properties: LightProperties = {
    name: { reflect: true },
    label: {},
    src: {},
    purge: {},
    poll: {},
    ttl: {},
    timeout: {},
    credentials: {},
    stream: {},
    transport: {},
    reconnects: { type: Number },
    initial: { converter: { fromAttribute: (value: string | null) => parseJson('initial', value) } },
    event: {},
    heartbeat: {},
    grace: {},
    persist: { type: Boolean },
    namespace: {},
    maxAge: { attribute: 'max-age' },
    tabs: {},
    timestamp: {},
    cacheMarker: { attribute: 'cache-marker' },
    targets: {},
    fallback: { converter: { fromAttribute: (value: string | null) => parseJson('fallback', value) } },
    headers: { attribute: false },
  };

  /** The source's name, for elements' `source` attribute. Default `default`. */
  declare name: string;
  /** What people call it, in messages and diagnostics ("Orders"); default its name. */
  declare label: string | undefined;
  /** JSON URL. */
  declare src: string | undefined;
  /** A URL to `POST` before each forced refresh, for a server whose own cache ignores `Cache-Control` (see `purge` among the options of `createSource`). */
  declare purge: string | undefined;
  /** Poll interval (`30s`, `1m`, ms); none by default. */
  declare poll: string | undefined;
  /** Age after which the data is stale; default twice the poll, else 5 minutes. */
  declare ttl: string | undefined;
  /** Time allowed per request; default 15 s. */
  declare timeout: string | undefined;
  /** `omit`, `same-origin` (default) or `include`. */
  declare credentials: RequestCredentials | undefined;
  /**
   * Push stream URL whose `<name>` events replace the data: Server-Sent Events, or a WebSocket for
   * `ws:`/`wss:` URLs. Several URLs separated by spaces are the nodes of one deployment.
   */
  declare stream: string | undefined;
  /** `auto` (default: by the URL's scheme), `websocket` (falls back to Server-Sent Events, then polling) or `sse`. */
  declare transport: 'auto' | 'sse' | 'websocket' | undefined;
  /** Failed reconnections after which the stream gives up and says so; no limit by default. */
  declare reconnects: number | undefined;
  /** Data a server render passes along, as JSON `{"data": …, "updatedAt": ms or ISO date}`: shown at once, fetched when due. */
  declare initial: { data: T; updatedAt: number | string } | undefined;
  /** The stream event that carries this source's data; default its name (`message` for unnamed events). */
  declare event: string | undefined;
  /** Reconnect a stream silent this long; default 45 s. */
  declare heartbeat: string | undefined;
  /** Close the stream after the page is hidden this long; default 60 s. */
  declare grace: string | undefined;
  /** Keep the last good data in IndexedDB and show it at once next time. */
  declare persist: boolean;
  /** Keeps each user's cached data apart (a user id). */
  declare namespace: string | undefined;
  /** Cached data older than this is not shown; default 24 h. */
  declare maxAge: string | undefined;
  /** `shared` (default): one tab fetches for all; `independent`: this tab works alone. */
  declare tabs: 'shared' | 'independent' | undefined;
  /** Dot path to the time the payload says its data was produced (`generatedAt`): the data is never younger. */
  declare timestamp: string | undefined;
  /** A header that marks answers served from a server-side cache, as `X-Cache: HIT` (an `Age` above 0 always does). */
  declare cacheMarker: string | undefined;
  /** This source's health targets over the page's: `hit-rate 80%; error-rate 2%; latency 500ms; sync-success 95%; window 10m`. */
  declare targets: string | undefined;
  /** Data shown while nothing else is there (JSON in the attribute). */
  declare fallback: T | undefined;
  /** Request headers or a function returning them. Property only: tokens never go in attributes. */
  declare headers: HeadersOption | undefined;

  #source: Source<T> | undefined;
  #off: (() => void) | undefined;

  constructor() {
    super();
    this.name = 'default';
    this.persist = false;
  }

  /** The source this element declares, while connected. */
  get source(): Source<T> | undefined {
    return this.#source;
  }

  /** Its current state. */
  get state(): SourceState<T> | undefined {
    return this.#source?.state;
  }

  /** Forced refetch (see `Source.refresh`). */
  async refresh(): Promise<SourceState<T> | undefined> {
    return this.#source?.refresh();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.style.display = 'none';
    this.#create();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#dispose();
  }

  protected override updated(changed: Changes): void {
    if (!this.isConnected || !this.#source) return;
    if (changed.has('name') && this.#source.name !== this.name) {
      this.#dispose();
      this.#create();
    } else if (changed.size > +changed.has('name')) {
      // Something besides the name changed.
      this.#source.configure(this.#options());
    }
  }

  /** The options from attributes; a bad one is logged once and left at its default. */
  #options(): SourceOptions<T> {
    const options: Record<string, unknown> = {};
    // Every property but the name is an option; `fallback` and `headers` are taken as they are.
    for (const key of Object.keys(LiveSource.properties) as (keyof this & string)[]) {
      const value = this[key];
      if (value === undefined || value === null || /^(name|fallback|headers)$/.test(key)) continue;
      try {
        resolveOptions({ [key]: value });
        options[key] = value;
      } catch (e) {
        logOnce(DEV ? `<live-source name="${this.name}">: ${(e as Error).message}; keeping the default` : (e as Error).message);
      }
    }
    if (this.fallback !== undefined) options.fallback = this.fallback;
    if (this.headers !== undefined) options.headers = this.headers;
    return options as SourceOptions<T>;
  }

  #create(again?: boolean): void {
    try {
      this.#source = createSource<T>(this.name || 'default', this.#options());
    } catch (e) {
      // Markup that replaces a source with one of the same name in one step (`innerHTML`, a CMS or
      // a framework re-rendering) connects the new element before the old one hears it has gone:
      // the name is free once that has run, before the next microtask.
      if (!again) return queueMicrotask(() => this.isConnected && !this.#source && this.#create(true));
      return console.error(e);
    }
    let last: SourceState<T> | undefined;
    this.#off = this.#source.$state.subscribe((state) => {
      if (last && (state.data !== last.data || state.updatedAt !== last.updatedAt) && state.origin !== 'none') {
        const detail: LiveUpdateDetail<T> = { name: this.name, data: state.data, origin: state.origin, updatedAt: state.updatedAt };
        this.emit_('live-update', detail);
      }
      if (state.error && state.error !== last?.error) {
        this.emit_('live-error', { name: this.name, error: state.error } satisfies LiveErrorDetail);
      }
      last = state;
    });
  }

  #dispose(): void {
    this.#off?.();
    this.#source?.dispose();
    this.#off = this.#source = undefined;
  }
}

define('live-source', LiveSource);

declare global {
  interface HTMLElementTagNameMap {
    'live-source': LiveSource;
  }
}
