// Every event the elements fire, typed in one place, and declared for every entry point: each
// element's module imports this one, so `live-update` is typed for a host that imports only
// `live-widgets/live-value` and listens on the document.
import type { SourceState } from '../data/source.js';
import type { LiveError } from '../data/errors.js';
import type { HealthStatus } from '../data/health.js';

export interface LiveUpdateDetail<T = unknown> {
  name: string;
  data: T | undefined;
  origin: SourceState['origin'];
  updatedAt: number | null;
}

export interface LiveErrorDetail {
  name: string;
  error: LiveError;
}

export interface LiveRefreshDetail {
  /** The sources about to be refreshed. */
  sources: string[];
}

export interface LiveAutoRefreshDetail {
  source: string;
  enabled: boolean;
  /** The chosen interval in ms. */
  interval: number;
}

export interface LiveHealthDetail {
  /** The page's health now: `ok`, `degraded` (a target missed), `failing` (a source's last fetch failed) or `unknown`. */
  status: HealthStatus;
  previous: HealthStatus;
  /** Each source's. */
  sources: Record<string, HealthStatus>;
}

export interface LiveAlertDetail {
  /** The source's name. */
  source: string;
  /** `failing`: it has failed for longer than the panel's `failing-for`; `recovered`: it no longer fails. */
  kind: 'failing' | 'recovered';
  /** When its failure began (ms epoch), as far as the timeline goes back. */
  since: number;
}

export interface LiveThresholdDetail {
  /** The value's `source` attribute (null for the page's default source) and `path`. */
  source: string | null;
  path: string | null;
  value: number;
  /** Where it is now: over `above`, under `below`, or back between them. */
  side: 'above' | 'below' | 'within';
  /** The limit it crossed (null when it came back within). */
  limit: number | null;
}

/** The elements' events by name; `GlobalEventHandlersEventMap` (and so `HTMLElementEventMap`, documents and windows) gets each. */
export interface LiveEventMap {
  'live-update': CustomEvent<LiveUpdateDetail>;
  'live-error': CustomEvent<LiveErrorDetail>;
  'live-refresh': CustomEvent<LiveRefreshDetail>;
  'live-auto-refresh': CustomEvent<LiveAutoRefreshDetail>;
  'live-health': CustomEvent<LiveHealthDetail>;
  'live-alert': CustomEvent<LiveAlertDetail>;
  'live-threshold': CustomEvent<LiveThresholdDetail>;
}

declare global {
  interface GlobalEventHandlersEventMap extends LiveEventMap {}
  interface HTMLElementEventMap extends LiveEventMap {}
}
