/** The page's visibility and connectivity, with a stop for every listener. Safe where there is no DOM. */

export function isHidden(): boolean {
  return globalThis.document?.visibilityState === 'hidden';
}

/** Listens to `type` on `target`, where there is one that takes listeners; returns the stop. */
function listen(target: EventTarget | undefined, type: string, listener: (e: Event) => void): () => void {
  if (typeof target?.addEventListener !== 'function') return () => {};
  target.addEventListener(type, listener);
  return () => target.removeEventListener(type, listener);
}

export const onVisibilityChange = (listener: (hidden: boolean) => void): (() => void) =>
  listen(globalThis.document, 'visibilitychange', () => listener(isHidden()));

export const onOnline = (listener: () => void): (() => void) => listen(globalThis, 'online', listener);

export const onOffline = (listener: () => void): (() => void) => listen(globalThis, 'offline', listener);

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(ok);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener('abort', onAbort);
  });
}

/** The browser says it has no network (false where it cannot tell). */
export function isOffline(): boolean {
  return globalThis.navigator?.onLine === false;
}

/**
 * The page leaves or comes back (Page Lifecycle): `away` on `pagehide` (with `persisted` when it
 * goes into the back/forward cache) and on `freeze` (which fires on the document); `back` on a
 * `pageshow` from that cache and on `resume`.
 */
export function onLifecycle(handlers: { away(cached: boolean): void; back(): void }): () => void {
  const doc = globalThis.document;
  if (!doc) return () => {};
  const stops = [
    listen(globalThis, 'pagehide', (e) => handlers.away((e as PageTransitionEvent).persisted)),
    listen(globalThis, 'pageshow', (e) => (e as PageTransitionEvent).persisted && handlers.back()),
    listen(doc, 'freeze', () => handlers.away(true)),
    listen(doc, 'resume', () => handlers.back()),
  ];
  return () => stops.forEach((stop) => stop());
}
