import type { StringKey } from './strings.js';

/** The sources elements own are named `<kind>:<url>`; what people call each is a word of the viewer's language. */
const OWN_LABELS: Record<string, StringKey> = { sync: 'sync.label', health: 'diag.health', cache: 'cache.label' };

/** The word that names an element's own source (`sync:/api/sync/status` → `sync.label`), if it is one. */
export function ownLabelKey(name: string): StringKey | undefined {
  const kind = /^(\w+):/.exec(name)?.[1];
  return kind ? OWN_LABELS[kind] : undefined;
}
