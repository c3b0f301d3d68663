/**
 * The value at a dot path (`totals.visitors`, `items.0.name`). Only own properties are read,
 * so `__proto__` or `constructor` in a path reach nothing.
 */
export function valueAt(data: unknown, path: string | null | undefined): unknown {
  if (!path) return data;
  let value: unknown = data;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
