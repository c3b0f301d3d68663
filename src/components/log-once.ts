const logged = new Set<string>();

/** Logs a configuration mistake once per page, however often the element renders. */
export function logOnce(message: string): void {
  if (logged.has(message)) return;
  logged.add(message);
  console.error(message);
}
