import type { SourceState } from '../data/state.js';
import type { ErrorKind } from '../data/errors.js';
import type { SourceOrigin } from '../data/state.js';

export type BadgeState = 'loading' | 'live' | 'stale' | 'cache' | 'fallback' | 'offline' | 'error' | 'retrying' | 'reconnecting';

/**
 * What a person may believe about the data on screen, from the source's state alone: `live`
 * only while the server confirmed it within the ttl, nothing failed since and the way it arrives
 * is up; a problem wins over the origin, and says less, never more. The badge shows it; the
 * diagnostics panel's timeline records it.
 */
export function badgeState(state: SourceState | undefined): BadgeState {
  if (!state) return 'loading';
  if (state.connection === 'offline') return 'offline';
  if (state.connection === 'reconnecting') return 'reconnecting';
  if (state.error) return state.status === 'retrying' ? 'retrying' : 'error';
  if (state.data === undefined || state.origin === 'none') return 'loading';
  if (state.origin === 'cache' || state.origin === 'server-cache') return 'cache';
  if (state.origin === 'fallback') return 'fallback';
  return state.stale ? 'stale' : 'live';
}

/**
 * The badge's words, from the page's (`say` gives the word for a key): a problem that hides cached
 * or placeholder data says both ("Cached · Update failed"), and a server that asked to wait is busy.
 */
export function badgeLabel(
  say: (key: `badge.${BadgeState | 'busy'}`) => string,
  state: BadgeState,
  origin: SourceOrigin,
  error: ErrorKind | undefined,
): string {
  const word = say(`badge.${state === 'retrying' && error === 'rate-limited' ? 'busy' : state}`);
  // Under a problem, where the data on screen came from (cached or a placeholder: not twice).
  const under = ({ 'server-cache': 'cache', cache: 'cache', fallback: 'fallback' } as const)[origin as 'cache'];
  return under && under !== state && state !== 'loading' ? `${say(`badge.${under}`)} · ${word}` : word;
}
