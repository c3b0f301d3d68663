// Who may warm and clear the application's cache: a request with the operator's token, from the
// same site. A refusal says why, as JSON; a malformed call says what is wrong.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text) => createHash('sha256').update(text).digest();

/**
 * Whether a browser sent `req` for a page of another site. Browsers that do not send
 * Sec-Fetch-Site still send Origin on a cross-origin POST: its host must be the server's (the port
 * may differ: that is the same site).
 */
export function crossSite(req) {
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  return site ? site === 'cross-site' : !!origin && hostOf(origin) !== hostOf(`http://${req.headers.host}`);
}

/** Why `req` may not act on the cache (`{ status, error, headers }`), or null when it may. */
export function operatorRefusal(req, token) {
  if (crossSite(req)) return { status: 403, error: 'A request from another site may not warm or clear the cache.' };
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

/** The most a warm or clear may send: a list of every key fits many times over. */
const MAX_BODY = 4096;

/**
 * The keys a warm or clear names: `{"keys": [...]}`, or every key with an empty body. Resolves with
 * `{ keys }`, or `{ status, error }` saying what is wrong (413 for a body too large, else 400).
 */
export async function readKeys(req, known) {
  if (Number(req.headers['content-length']) > MAX_BODY) return tooLarge();
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > MAX_BODY) return tooLarge();
  }
  if (!text.trim()) return { keys: known };
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    return { status: 400, error: 'The body is not JSON: give {"keys": ["overview"]}, or nothing for every key.' };
  }
  const keys = body?.keys;
  if (body === null || typeof body !== 'object' || Array.isArray(body) || (keys !== undefined && !Array.isArray(keys)))
    return { status: 400, error: 'Give {"keys": [...]}, a list of cache keys, or nothing for every key.' };
  if (keys === undefined) return { keys: known };
  if (!keys.length) return { status: 400, error: 'The list of keys is empty: name one at least, or send no body for every key.' };
  const unknown = keys.find((key) => !known.includes(key));
  if (unknown !== undefined) return { status: 400, error: `No cache key ${JSON.stringify(unknown)}: the keys are ${[...known].sort().join(', ')}.` };
  return { keys: [...new Set(keys)] };
}

function tooLarge() {
  return { status: 413, error: `The body is larger than ${MAX_BODY} bytes: give {"keys": [...]} at most.` };
}
