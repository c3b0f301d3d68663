import { shared } from '../shared.js';
import type * as Counting from './stats.js';

/**
 * The request figures, a feature of their own: loaded the first time something asks for them
 * (`$diagnostics` or `$health` watched, as the diagnostics panel does; a source with `targets`),
 * and counted from when their code has come (a round trip later, outside the single file's
 * inside). Until then each `stats()?.…` at the kernel's few call sites does nothing, and a page
 * that shows no figures downloads none of their code. Page-wide, as the
 * figures are: a second copy of the library on the page counts into the same ones.
 */
const counting = shared('counting', () => ({}) as { module?: typeof Counting; loading?: Promise<void> });

export const stats = (): typeof Counting | undefined => counting.module;

/** Start counting: loads the figures' code once (a failed load is tried again on the next call). */
export function countStats(): Promise<void> {
  return (counting.loading ??= import('./stats.js').then(
    (m) => void (counting.module = m),
    () => void (counting.loading = undefined),
  ));
}
