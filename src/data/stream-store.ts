import { map } from 'nanostores';
import { shared } from '../shared.js';
import type { LiveError } from './errors.js';

export type StreamState = 'connecting' | 'open' | 'closed' | 'failed';

export interface StreamStats {
  state: StreamState;
  /** Connections made after the first. */
  reconnects: number;
  /** Messages received. */
  events: number;
  /** Bytes received, comments and heartbeats included. */
  bytes: number;
  lastEventId: string;
  /** Why the stream last dropped or stopped. */
  error: LiveError | null;
  /** When it tries to connect again (ms epoch), while it waits to. */
  retryAt: number | null;
  /** How many sources listen. */
  listeners: number;
  /** The transport of the current or last connection: what diagnostics show. */
  transport: 'sse' | 'websocket';
  /** The URL it uses (without its query): one of the deployment's nodes. */
  url: string;
}

/** Every stream connection by URL (without its query): what the diagnostics panel shows. */
export const $streams = shared('streams', () => map<Record<string, StreamStats | undefined>>({}));

export function updateStream(url: string, patch: Partial<StreamStats>): void {
  const current = $streams.get()[url] ?? {
    state: 'closed',
    reconnects: 0,
    events: 0,
    bytes: 0,
    lastEventId: '',
    error: null,
    retryAt: null,
    listeners: 0,
    transport: 'sse',
    url,
  };
  $streams.setKey(url, { ...current, ...patch });
}

export function forgetStream(url: string): void {
  $streams.setKey(url, undefined);
}
