/**
 * One leader per group of same-origin tabs, elected with the Web Locks API: the tab that holds
 * the group's lock does the work; the others follow over a BroadcastChannel. When the leader's
 * tab closes, crashes or is discarded, the browser frees the lock and the next tab in the lock's
 * queue leads at once.
 */
export type TabRole = 'leader' | 'follower' | 'independent';

export interface TabGroupHandlers<M> {
  /** This tab now leads the group. */
  lead(): void;
  message(message: M): void;
}

/** Whether this browser can share one client across tabs (Web Locks and BroadcastChannel). */
export function canShareTabs(): boolean {
  return typeof BroadcastChannel === 'function' && typeof globalThis.navigator?.locks?.request === 'function';
}

/** This tab's id, for messages that need a sender. */
export const TAB_ID = Math.random().toString(36).slice(2, 10);

export class TabGroup<M> {
  role: TabRole = 'follower';
  #channel: BroadcastChannel;
  #abort = new AbortController();
  #release: (() => void) | undefined;

  constructor(key: string, handlers: TabGroupHandlers<M>) {
    this.#channel = new BroadcastChannel(key);
    this.#channel.onmessage = (e: MessageEvent<M>) => handlers.message(e.data);
    navigator.locks
      .request(key, { signal: this.#abort.signal }, () => {
        // Granted, but closed before this ran (an abort cannot take back a granted lock): let go.
        if (this.#abort.signal.aborted) return;
        this.role = 'leader';
        handlers.lead();
        // Held while this tab lives (or until close): the browser frees it if the tab dies.
        return new Promise<void>((resolve) => (this.#release = resolve));
      })
      .catch(() => {
        // Closed before it was granted; or locks failed here: then this tab works alone.
        if (this.#abort.signal.aborted) return;
        this.role = 'independent';
        handlers.lead();
      });
  }

  /** Sends to every other tab of the group. Data that cannot be cloned is not sent. */
  post(message: M): void {
    try {
      this.#channel.postMessage(message);
    } catch {
      /* DataCloneError: this state stays in this tab */
    }
  }

  /** Leaves the group: lets the next tab lead. */
  close(): void {
    this.#abort.abort();
    this.#release?.();
    this.#channel.close();
  }
}
