// Vue 3: `import 'live-widgets/vue'` defines every element and types them in templates (vue-tsc,
// Volar) as global components: properties and attributes for `:prop`, events for `@live-…`. The
// shape is the one Vue's guide gives for custom elements; `$props` and `$emit` exist for the type
// checker only, never on the element.
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { LiveElements } from './elements.js';

export * from '../index.js';

type Component<T extends LiveElements[keyof LiveElements]> = new () => T['element'] & {
  /** @deprecated For template type-checking only; not on the element. */
  $props: HTMLAttributes & T['props'] & PublicProps;
  /** @deprecated For template type-checking only; not on the element. */
  $emit: EmitFn<{ [K in keyof T['events']]: (event: T['events'][K]) => void }>;
};

/** The live-* entries of Vue's `GlobalComponents`. */
export type VueLiveElements = { [K in keyof LiveElements]: Component<LiveElements[K]> };

declare module 'vue' {
  interface GlobalComponents extends VueLiveElements {}
}
