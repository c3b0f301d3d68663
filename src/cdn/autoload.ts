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
    // Every element asked for: nothing is left to watch for.
    if (requested.size === TAGS.size) observer.disconnect();
    loading.catch((e) => console.error(`live-widgets: could not load <${tag}> from ${base.href}: ${(e as Error)?.message ?? e}`));
  }
  return loading;
}

const seen = (root: ParentNode) => {
  for (const tag of TAGS) if (!requested.has(tag) && root.querySelector(tag)) void load(tag);
};

const observer = new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) {
      if (node.nodeType !== 1) continue;
      const tag = (node as Element).localName;
      if (TAGS.has(tag)) void load(tag);
      seen(node as Element);
    }
  }
});

/** Defines the live-* elements in `root` now and as they are added to it. */
export function discover(root: Document | ShadowRoot | Element = document): void {
  seen(root);
  if (requested.size < TAGS.size) observer.observe(root, { childList: true, subtree: true });
}

// Shadow roots the page creates from now on are watched as well (the document's observer does not see into them).
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
  const root = attach.call(this, init);
  // Our own elements render no live-* inside: their roots need no watching.
  if (!TAGS.has(this.localName)) discover(root);
  return root;
};

discover(document);
