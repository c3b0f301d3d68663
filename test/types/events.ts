// One element's entry alone brings its tag and every event the elements fire, typed.
import 'live-widgets/live-value';

const value = document.querySelector('live-value');
export const path: string | null | undefined = value?.path;
document.addEventListener('live-update', (e) => e.detail.updatedAt);
document.addEventListener('live-refresh', (e) => e.detail.sources);
value?.addEventListener('live-error', (e) => e.detail.error.kind);
// @ts-expect-error an update's detail has no `value`
document.addEventListener('live-update', (e) => e.detail.value);
// @ts-expect-error live-value has no `src`
export const src = value?.src;
