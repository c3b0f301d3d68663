// Who may warm and clear the application's cache: a request with the operator's token, from the
// same site. A refusal says why, as JSON; a malformed call says what is wrong.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text) => createHash('sha256').update(text).digest();

/** Why `req` may not act on the cache (`{ status, error, headers }`), or null when it may. */
export function operatorRefusal(req, token) {
  const site = req.headers['sec-fetch-site'];
  // Browsers that do not send Sec-Fetch-Site still send Origin on a cross-origin POST: its host
  // must be the server's (the port may differ: that is the same site).
  const origin = req.headers.origin;
  const foreign = site ? site === 'cross-site' : !!origin && hostOf(origin) !== hostOf(`http://${req.headers.host}`);
  if (foreign) return { status: 403, error: 'A request from another site may not warm or clear the cache.' };
  if (!token) return { status: 403, error: 'Nobody may warm or clear the cache: the server was started without OPERATOR_TOKEN.' };
  const given = /^Bearer +(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const challenge = { 'www-authenticate': 'Bearer realm="live-widgets cache"' };
  if (!given) return { status: 401, error: "Give the operator's token: Authorization: Bearer <token>.", headers: challenge };
  if (!timingSafeEqual(digest(given), digest(token))) return { status: 403, error: "That token is not the operator's." };
  return null;
}

function hostOf(url) {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/**
 * The keys a warm or clear names: `{"keys": [...]}`, or every key with an empty body. Resolves with
 * `{ keys }`, or `{ error }` saying what is wrong.
 */
export async function readKeys(req, known) {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 4096) return { error: 'The body is too large: give {"keys": [...]} at most.' };
  }
  if (!text.trim()) return { keys: known };
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    return { error: 'The body is not JSON: give {"keys": ["overview"]}, or nothing for every key.' };
  }
  const keys = body?.keys;
  if (body === null || typeof body !== 'object' || Array.isArray(body) || (keys !== undefined && !Array.isArray(keys)))
    return { error: 'Give {"keys": [...]}, a list of cache keys, or nothing for every key.' };
  if (keys === undefined) return { keys: known };
  if (!keys.length) return { error: 'The list of keys is empty: name one at least, or send no body for every key.' };
  const unknown = keys.find((key) => !known.includes(key));
  if (unknown !== undefined) return { error: `No cache key ${JSON.stringify(unknown)}: the keys are ${[...known].sort().join(', ')}.` };
  return { keys: [...new Set(keys)] };
}
