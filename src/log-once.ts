const logged = new Set<string>();

/** Logs a configuration mistake once per page, however often an element renders or a store judges. */
export function logOnce(message: string): void {
  if (logged.has(message)) return;
  logged.add(message);
  console.error(message);
}
