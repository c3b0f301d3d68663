// Preact: `import 'live-widgets/preact'` defines every element and types them in JSX, with
// `on<event>` handlers (Preact listens for the name after `on`, lower-cased when the element knows it).
import type { HTMLAttributes } from 'preact';
import type { LiveElements } from './elements.js';

export * from '../index.js';

type Handlers<E> = { [K in keyof E as `on${K & string}`]?: (event: E[K]) => void };
type Intrinsic<T extends LiveElements[keyof LiveElements]> = Omit<HTMLAttributes<T['element']>, keyof T['props']> & T['props'] & Handlers<T['events']>;

/** The live-* entries of Preact's `JSX.IntrinsicElements`. */
export type PreactLiveElements = { [K in keyof LiveElements]: Intrinsic<LiveElements[K]> };

declare module 'preact' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Preact's JSX types live in a namespace
  namespace JSX {
    interface IntrinsicElements extends PreactLiveElements {}
  }
}
