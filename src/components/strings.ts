import type { ErrorKind } from '../data/errors.js';
import { shared } from '../shared.js';
import type { autoRefreshWords } from './words/auto-refresh.js';
import type { cacheStatusWords } from './words/cache-status.js';
import type { diagnosticsWords } from './words/diagnostics.js';
import type { errorAlertWords } from './words/error-alert.js';
import type { historyWords } from './words/history.js';
import type { lastUpdatedWords } from './words/last-updated.js';
import type { refreshButtonWords } from './words/refresh-button.js';
import type { badgeWords } from './words/source-badge.js';
import type { syncStatusWords } from './words/sync-status.js';
import type { valueWords } from './words/value.js';
import type { valueChangeWords } from './words/value-change.js';

/**
 * All the words, each element's own. Error sentences (`error.network`, `error.http` with
 * `{status}`, …) have no default: the data layer's own, more precise English message is shown
 * unless one is given.
 */
export type Strings = typeof refreshButtonWords &
  typeof lastUpdatedWords &
  typeof badgeWords &
  typeof errorAlertWords &
  typeof valueWords &
  typeof valueChangeWords &
  typeof autoRefreshWords &
  typeof syncStatusWords &
  typeof cacheStatusWords &
  typeof diagnosticsWords &
  typeof historyWords &
  Partial<Record<`error.${ErrorKind}`, string>>;
export type StringKey = keyof Strings;

/**
 * The English words of every element module loaded so far. Each element brings its own (a page
 * that imports one element carries only its words); with the whole bundle, all of them.
 */
export const defaultStrings = shared('words', () => ({}) as Readonly<Strings>);

/**
 * Registers an element's English words: each element module registers its own table (from
 * `words/`, data that imports nothing, so words flow one way: tables → this module → elements).
 */
export function words<T extends Record<string, string>>(table: T): T {
  Object.assign(defaultStrings, table);
  // Elements on the page may have said a word of this table before it came (an element of a file
  // loaded later names its own source): they say it now.
  page.listeners.forEach((l) => l());
  return table;
}

/** The page's own words (`configure`) and who to tell when they change: shared by every copy on the page. */
const page = shared('strings', () => ({ strings: {} as Partial<Strings>, listeners: new Set<() => void>() }));

export interface Configuration {
  strings?: Partial<Strings>;
}

/** Page-wide settings. Elements already on the page update at once. */
export function configure(config: Configuration): void {
  if (config.strings) page.strings = { ...page.strings, ...config.strings };
  page.listeners.forEach((l) => l());
}

export function onConfigure(listener: () => void): () => void {
  page.listeners.add(listener);
  return () => page.listeners.delete(listener);
}

/** A string with `{name}` placeholders filled; the element's own strings first, then the page's. */
export function text(key: StringKey, own?: Partial<Strings> | null, vars?: Record<string, string | number>): string | undefined {
  const template = own?.[key] ?? page.strings[key] ?? defaultStrings[key];
  if (template === undefined || !vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
