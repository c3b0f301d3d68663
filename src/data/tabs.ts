import { isHidden, onLifecycle, onVisibilityChange } from './page.js';
import type { SourceState } from './state.js';

/**
 * One network client for all same-origin tabs, per cache namespace (see tab-group.ts): the words
 * a source and its group share.
 */
export type TabRole = 'leader' | 'follower' | 'independent';

/** How long a visible follower waits to hear from the tab serving it before asking; as long again before taking over. */
export const PROBE = 2000;

/** The Web Lock that the tab serving a source holds. */
export const lockName = (group: string, key: string) => `${group}:source:${key}`;

/** Whether this browser can share one client across tabs (Web Locks and BroadcastChannel). */
export function canShareTabs(): boolean {
  return typeof BroadcastChannel === 'function' && typeof globalThis.navigator?.locks?.request === 'function';
}

/** What a source gives its tab group. */
export interface Member<T = unknown> {
  readonly name: string;
  /** Who the source is across tabs: its name, and what it reads (two pages may use one name for different data). */
  readonly key: string;
  readonly state: SourceState<T>;
  /** The most a request may take here, retries included (ms). */
  readonly requestLimit: number;
  /** What a follower's request resolves with when the serving tab never answered: a failed refresh. */
  unanswered(): SourceState<T>;
  /** This tab serves the source now (`alone`: without sharing); resume the stream from `lastEventId`. */
  lead(lastEventId: string | undefined, alone: boolean): void;
  /** Another tab serves it now. */
  follow(): void;
  /** The serving tab's state. */
  apply(state: SourceState<T>): void;
  /** Serving: a request of another tab's. */
  request(force: boolean, fresh: boolean): Promise<SourceState<T>>;
  /** Serving: data another tab pushed. */
  push(data: T): void;
  /** Whether any tab that shows the source is visible may have changed. */
  visibilityChanged(): void;
  /** This tab's role or the group's size changed. */
  roleChanged(role: TabRole, tabs: number): void;
  lastEventId(): string | undefined;
}

/** A source's place in its group, as the source sees it. */
export interface Membership<T> {
  readonly role: TabRole;
  /** Hidden for the source: this tab and every other tab that shows it are. */
  readonly hidden: boolean;
  /** Serving: tells the tabs that show the source its new state. */
  broadcast(state: SourceState<T>): void;
  /** Following: asks the serving tab to fetch; resolves with the state after it. */
  request(force: boolean, fresh: boolean): Promise<SourceState<T>>;
  /** Following: hands data pushed here to the serving tab. */
  push(data: T): void;
  leave(): void;
}

/** Where a group lives, and how it hears about this tab (tests give several "tabs" in one page their own). */
export interface TabEnvironment {
  id: string;
  hidden(): boolean;
  onVisibility(listener: () => void): () => void;
  onLifecycle(handlers: { away(cached: boolean): void; back(): void }): () => void;
}

/** This page, as a tab. */
export const pageEnvironment = (): TabEnvironment => ({
  id: Math.random().toString(36).slice(2, 10),
  hidden: isHidden,
  onVisibility: (listener) => onVisibilityChange(listener),
  onLifecycle,
});
