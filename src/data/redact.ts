import type { HeadersOption } from './options.js';

const SECRET_PARAM = /^(token|key|api[-_]?key|access[-_]?token|auth|signature|sig|secret|password|session|code)$/i;
const SECRET_HEADER = /authorization|token|key|secret|cookie|signature|password|session/i;
export const REDACTED = '[redacted]';

/** A URL with the values of secret-looking query parameters replaced. */
export function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  try {
    const u = new URL(url, globalThis.location?.href ?? 'http://localhost');
    for (const key of [...u.searchParams.keys()]) if (SECRET_PARAM.test(key)) u.searchParams.set(key, REDACTED);
    return u.href;
  } catch {
    return url.split('?')[0];
  }
}

/** Header names with their values hidden when they look like credentials; a function says only that. */
export function redactHeaders(headers: HeadersOption | undefined): Record<string, string> | string | undefined {
  if (typeof headers === 'function') return '[computed per request]';
  if (!headers) return undefined;
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, SECRET_HEADER.test(k) ? REDACTED : String(v)]));
}
