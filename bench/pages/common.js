// Shared by the bench pages: the query's parameters, and a record of DOM changes with their time.
export const params = new URLSearchParams(location.search);
export const num = (name, fallback) => Number(params.get(name) ?? fallback);
/** Wall-clock ms with sub-ms resolution, comparable with the bench's Node clock. */
export const now = () => performance.timeOrigin + performance.now();

/** Records each change of `node`'s text as [number shown, time]. */
export function watch(node, read) {
  const seen = (window.seen ??= []);
  new MutationObserver(() => seen.push([Number(read().replace(/\D/g, '')), now()])).observe(node, { subtree: true, childList: true, characterData: true });
}

export function add(tag, attributes = {}, parent = document.body) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
  return parent.appendChild(el);
}
