import { shared } from '../shared.js';
import { DEV } from '../dev.js';
import { VERSION } from '../version.js';

/** Which version of the library defined each tag, and whether a mismatch was told already. */
const registry = shared('elements', () => ({ versions: new Map<string, string>(), warned: false, later: new Map<string, CustomElementConstructor>() }));

/** The tags defined where there was no registry yet (a server, before its DOM shim): `live-widgets/ssr` defines them. */
export const definedLater = (): Map<string, CustomElementConstructor> => registry.later;

/**
 * Defines a tag once. A second copy of the library on the page, or a tag already taken, never
 * throws; it warns once when another version (or another script) holds a tag.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return void registry.later.set(tag, element);
  const existing = customElements.get(tag);
  if (!existing) {
    customElements.define(tag, element);
    registry.versions.set(tag, VERSION);
    return;
  }
  const theirs = registry.versions.get(tag);
  if (existing === element || theirs === VERSION || registry.warned) return;
  registry.warned = true;
  // The development build says what follows; the production one who got there first.
  console.warn(
    `live-widgets ${VERSION}: <${tag}> is already defined by ${theirs ? `live-widgets ${theirs}` : 'another script'}${DEV ? '; the elements of that one are used.' : ''}`,
  );
}
