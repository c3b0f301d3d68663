/**
 * Finds tags in the page as they come: in the document, in elements added later, and in shadow
 * roots the page creates after this ran (open or closed); a shadow root made before is covered by
 * calling `discover(root)`. Each tag is reported once, to `found`; the watching ends when every
 * tag has been. The shadow roots of elements that `ours` says are our own are not watched (they
 * render no live-* inside). The autoloader defines every element this way; the single file, the
 * diagnostics panel it keeps beside it.
 */
export function watchTags(
  tags: ReadonlySet<string>,
  found: (tag: string) => unknown,
  ours: (element: Element) => boolean,
): (root?: Document | ShadowRoot | Element) => void {
  const reported = new Set<string>();
  /** Reports the tags `root` is or holds; when every tag has been, nothing is left to watch for. */
  const seen = (root: ParentNode) => {
    for (const tag of tags) {
      if (reported.has(tag) || !((root as Element).matches?.(tag) || root.querySelector(tag))) continue;
      reported.add(tag);
      found(tag);
      if (reported.size === tags.size) observer.disconnect();
    }
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node.nodeType === 1) seen(node as Element);
  });
  const discover = (root: Document | ShadowRoot | Element = document) => {
    seen(root);
    if (reported.size < tags.size) observer.observe(root, { childList: true, subtree: true });
  };
  // Shadow roots the page creates from now on are watched as well (the document's observer does not see into them).
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
    const root = attach.call(this, init);
    if (!ours(this)) discover(root);
    return root;
  };
  discover(document);
  return discover;
}
