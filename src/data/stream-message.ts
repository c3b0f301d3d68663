import type { SseMessage } from './sse.js';

/** What a stream message means for one source. */
export type StreamAction<T> = { kind: 'data'; data: T } | { kind: 'unreadable' } | { kind: 'invalidate' } | null;

/**
 * Reads a message for the source `name`: `event: <event or name>` with JSON data replaces its
 * data; `event: invalidate` with `{"sources": [...] | "*"}` naming it asks for a refetch;
 * anything else is not for it.
 */
export function readStreamMessage<T>(m: SseMessage, name: string, event = name): StreamAction<T> {
  if (m.type === event) {
    try {
      return { kind: 'data', data: JSON.parse(m.data) as T };
    } catch {
      return { kind: 'unreadable' };
    }
  }
  if (m.type !== 'invalidate') return null;
  let sources: unknown;
  try {
    sources = JSON.parse(m.data)?.sources;
  } catch {
    return null;
  }
  return sources === '*' || (Array.isArray(sources) && sources.includes(name)) ? { kind: 'invalidate' } : null;
}
