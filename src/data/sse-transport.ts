import { liveError } from './errors.js';
import { answerError } from './request.js';
import { SseParser } from './sse.js';
import type { Attempt, Ended, Link } from './transport.js';

/**
 * `Last-Event-ID` as the standard sends it: the id encoded as UTF-8. `Headers` takes only byte
 * strings, so each UTF-8 byte goes in as one character (an id like "…" would throw otherwise).
 */
export function headerValue(id: string): string {
  return String.fromCharCode(...new TextEncoder().encode(id));
}

/**
 * One Server-Sent Events connection, read over fetch (so headers and credentials work). It
 * resumes with `Last-Event-ID`. As the standard says, only a `200` with `text/event-stream`
 * opens; unlike it, `408`, `429` and `5xx` are tried again (the retry policy decides).
 */
export function openSse(link: Link): Attempt {
  return { ended: read(link) };
}

async function read(link: Link): Promise<Ended> {
  const parser = new SseParser(
    {
      message: (m) => {
        link.alive();
        link.message(m);
      },
      comment: () => link.alive(),
      retry: (ms) => link.retry(ms),
    },
    link.lastEventId,
  );
  try {
    const headers = new Headers(link.headers);
    headers.set('accept', 'text/event-stream');
    if (link.lastEventId) headers.set('last-event-id', headerValue(link.lastEventId));
    const res = await fetch(link.url, { headers, credentials: link.credentials, cache: 'no-store', signal: link.signal });
    const type = res.headers.get('content-type') ?? '';
    if (res.status !== 200) {
      const stop = res.status === 204 ? 'The server asked the stream to stop (HTTP 204).' : undefined;
      return { error: await answerError(res, link.facts, stop) };
    }
    if (!/^text\/event-stream/i.test(type) || !res.body) {
      void res.body?.cancel().catch(() => {});
      return {
        error: liveError('parse', {
          ...link.facts,
          status: res.status,
          message: `The stream answered with ${type || 'no content type'}, not text/event-stream.`,
        }),
      };
    }
    link.opened();
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      link.bytes(value.byteLength);
      parser.feed(value);
      link.seen(parser.lastEventId);
    }
    // The server closed the stream cleanly: come back, resuming from the last id.
    return { error: null };
  } catch (e) {
    return { error: liveError('network', { ...link.facts, message: `The stream broke: ${(e as Error)?.message ?? e}` }) };
  }
}
