/** Defines a tag once: a second copy of the bundle, or a tag already taken, never throws. */
export function define(tag: string, element: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tag);
  if (!existing) customElements.define(tag, element);
  else if (existing !== element) console.warn(`live-widgets: <${tag}> is already defined by another script; keeping that one.`);
}
