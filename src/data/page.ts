/** The page's visibility and connectivity, with a stop for every listener. Safe where there is no DOM. */

export function isHidden(): boolean {
  return globalThis.document?.visibilityState === 'hidden';
}

export function onVisibilityChange(listener: (hidden: boolean) => void): () => void {
  const doc = globalThis.document;
  if (!doc) return () => {};
  const handle = () => listener(isHidden());
  doc.addEventListener('visibilitychange', handle);
  return () => doc.removeEventListener('visibilitychange', handle);
}

export function onOnline(listener: () => void): () => void {
  if (typeof globalThis.addEventListener !== 'function') return () => {};
  globalThis.addEventListener('online', listener);
  return () => globalThis.removeEventListener('online', listener);
}

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

export function onOffline(listener: () => void): () => void {
  if (typeof globalThis.addEventListener !== 'function') return () => {};
  globalThis.addEventListener('offline', listener);
  return () => globalThis.removeEventListener('offline', listener);
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
  if (typeof globalThis.addEventListener !== 'function' || !doc) return () => {};
  const hide = (e: Event) => handlers.away((e as PageTransitionEvent).persisted);
  const show = (e: Event) => (e as PageTransitionEvent).persisted && handlers.back();
  const freeze = () => handlers.away(true);
  const resume = () => handlers.back();
  globalThis.addEventListener('pagehide', hide);
  globalThis.addEventListener('pageshow', show);
  doc.addEventListener('freeze', freeze);
  doc.addEventListener('resume', resume);
  return () => {
    globalThis.removeEventListener('pagehide', hide);
    globalThis.removeEventListener('pageshow', show);
    doc.removeEventListener('freeze', freeze);
    doc.removeEventListener('resume', resume);
  };
}
