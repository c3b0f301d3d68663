// Svelte 5: `import 'live-widgets/svelte'` defines every element and types them in markup
// (svelte-check): properties, the attributes that are not properties, and `on<event>` handlers.
import type { HTMLAttributes } from 'svelte/elements';
import type { LiveElements } from './elements.js';

export * from '../index.js';

type Handlers<E> = { [K in keyof E as `on${K & string}`]?: (event: E[K]) => void };
type Intrinsic<T extends LiveElements[keyof LiveElements]> = Omit<HTMLAttributes<T['element']>, keyof T['props']> & T['props'] & Handlers<T['events']>;

/** The live-* entries of Svelte's `SvelteHTMLElements`. */
export type SvelteLiveElements = { [K in keyof LiveElements]: Intrinsic<LiveElements[K]> };

declare module 'svelte/elements' {
  interface SvelteHTMLElements extends SvelteLiveElements {}
}
