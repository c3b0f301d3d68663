import { map } from 'nanostores';
import { shared } from '../shared.js';
import type { TabRole } from './tabs.js';

export interface TabInfo {
  /** This tab's part: it fetches for every tab (`leader`), shows the leader's data (`follower`), or works alone. */
  role: TabRole;
  /** Tabs in the source's group, this one included. */
  tabs: number;
}

/** Each source's tab role and group size, for the diagnostics panel. */
export const $tabs = shared('tabs', () => map<Record<string, TabInfo | undefined>>({}));

export function setTabs(name: string, info: TabInfo | undefined): void {
  const current = $tabs.get()[name];
  if (current?.role === info?.role && current?.tabs === info?.tabs) return;
  $tabs.setKey(name, info);
}
