import { watchTags } from './watch.js';

/**
 * The autoloading CDN entry: `<script type="module" src=".../live-widgets.auto.js">`, and each
 * `live-*` element is defined the first time it appears in the page, fetching only its own module
 * (and the shared chunks and data features it needs) from the directory this script came from.
 * It watches the document, elements added later, and shadow roots the page creates after it ran
 * (open or closed); a shadow root made before it ran is covered by calling `discover(root)`.
 */

/** The elements this build has, each a module next to this one (the build writes the list). */
declare const __LIVE_TAGS__: string[];
const TAGS = new Set(__LIVE_TAGS__);
/** The chunks each element's module imports (the build writes the list): asked for with it, not after. */
const PRELOAD = '__LIVE_PRELOAD__' as unknown as Record<string, string[]>;
const base = new URL('./', import.meta.url);
const requested = new Map<string, Promise<unknown>>();
const preloaded = new Set<string>();

function preload(file: string): void {
  if (preloaded.has(file)) return;
  preloaded.add(file);
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  link.href = new URL(file, base).href;
  document.head.append(link);
}

/** Loads `tag`'s module once; resolves when it is defined. */
export function load(tag: string): Promise<unknown> {
  let loading = requested.get(tag);
  if (!loading) {
    if (!customElements.get(tag)) PRELOAD[tag]?.forEach(preload);
    loading = customElements.get(tag) ? Promise.resolve() : import(/* @vite-ignore */ new URL(`${tag}.js`, base).href);
    requested.set(tag, loading);
    loading.catch((e) => console.error(`live-widgets: could not load <${tag}> from ${base.href}: ${(e as Error)?.message ?? e}`));
  }
  return loading;
}

/** Defines the live-* elements in `root` now and as they are added to it (see `watchTags`). */
export const discover: (root?: Document | ShadowRoot | Element) => void = watchTags(TAGS, load, (element) => TAGS.has(element.localName));
