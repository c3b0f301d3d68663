// React 19: `import 'live-widgets/react'` defines every element, like `live-widgets`, and types
// them in JSX: properties, the attributes that are not properties, and `on<event>` handlers
// (React 19 passes an `on…` prop on a custom element to addEventListener, the name kept as written).
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { LiveElements } from './elements.js';

export * from '../index.js';

type Handlers<E> = { [K in keyof E as `on${K & string}`]?: (event: E[K]) => void };
type Intrinsic<T extends LiveElements[keyof LiveElements]> = Omit<DetailedHTMLProps<HTMLAttributes<T['element']>, T['element']>, keyof T['props']> &
  T['props'] &
  Handlers<T['events']>;

/** The live-* entries of React's `JSX.IntrinsicElements`. */
export type ReactLiveElements = { [K in keyof LiveElements]: Intrinsic<LiveElements[K]> };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX types live in a namespace
  namespace JSX {
    interface IntrinsicElements extends ReactLiveElements {}
  }
}
