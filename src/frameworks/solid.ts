// Solid: `import 'live-widgets/solid'` defines every element and types them in JSX, with
// `on:<event>` handlers (Solid's form for an event name of any case).
import type { JSX as SolidJSX } from 'solid-js';
import type { LiveElements } from './elements.js';

export * from '../index.js';

type Handlers<E> = { [K in keyof E as `on:${K & string}`]?: (event: E[K]) => void };
type Intrinsic<T extends LiveElements[keyof LiveElements]> = Omit<SolidJSX.HTMLAttributes<T['element']>, keyof T['props']> & T['props'] & Handlers<T['events']>;

/** The live-* entries of Solid's `JSX.IntrinsicElements`. */
export type SolidLiveElements = { [K in keyof LiveElements]: Intrinsic<LiveElements[K]> };

declare module 'solid-js' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Solid's JSX types live in a namespace
  namespace JSX {
    interface IntrinsicElements extends SolidLiveElements {}
  }
}
