// The WebSocket transport's parts that need no server: Nchan's frames, close codes, a socket that fails before it opens.
import { expect } from '@open-wc/testing';
import { openSocket, readNchanFrame, socketClosed } from '../../src/data/ws-transport.js';
import type { Link } from '../../src/data/transport.js';
import { isRetryable } from '../../src/data/retry.js';

const facts = { source: 's', url: 'ws://x.example/s', attempt: 1 };

describe('the WebSocket transport', () => {
  it('reads an Nchan ws+meta frame: its id, its event from the content type, its data', () => {
    expect(readNchanFrame('id: 1795785491:3\ncontent-type: application/json; event=overview\n\n{"v":1}', '')).to.deep.equal({
      type: 'overview',
      data: '{"v":1}',
      lastEventId: '1795785491:3',
    });
    // No event name: an unnamed message; no id: the last one stays; not a frame: nothing.
    expect(readNchanFrame('content-type: application/json\n\n{"v":2}', '1:1')).to.deep.equal({ type: 'message', data: '{"v":2}', lastEventId: '1:1' });
    expect(readNchanFrame('just text', '1:1')).to.equal(null);
  });

  it('reads each close code into the retry policy', () => {
    const read = (code: number, opened = true) => {
      const { error, moveOn, unopened } = socketClosed(code, '', opened, facts);
      return error
        ? `${error.kind}${error.status ? ` ${error.status}` : ''} ${isRetryable(error) ? 'retried' : 'final'}${unopened ? ' unopened' : ''}`
        : moveOn
          ? 'clean, next URL'
          : 'clean';
    };
    expect(
      Object.fromEntries([1000, 1001, 1012, 1006, 1011, 1013, 1014, 1002, 1003, 1008, 1009, 4401, 4403, 4408, 4429, 4503, 4000, 3000].map((c) => [c, read(c)])),
    ).to.deep.equal({
      1000: 'clean',
      1001: 'clean, next URL',
      1012: 'clean, next URL',
      1006: 'network retried',
      1011: 'http 500 retried',
      1013: 'rate-limited 503 retried',
      1014: 'http 502 retried',
      1002: 'http 400 final',
      1003: 'http 400 final',
      1008: 'http 400 final',
      1009: 'http 400 final',
      4401: 'http 401 final',
      4403: 'http 403 final',
      4408: 'http 408 retried',
      4429: 'rate-limited 429 retried',
      4503: 'rate-limited 503 retried',
      4000: 'network retried',
      3000: 'network retried',
    });
    expect(read(1006, false)).to.equal('network retried unopened');
  });

  it('ends an attempt whose socket fails before it opens, even with no close event after the error (WebKitGTK)', async () => {
    // As WebKitGTK does for a refused connection: an error, then nothing, the socket left connecting.
    class ErrorOnly extends EventTarget {
      static readonly OPEN = 1;
      readyState = 0;
      protocol = '';
      onopen: unknown = null;
      onmessage: unknown = null;
      onclose: unknown = null;
      onerror: ((e: Event) => void) | null = null;
      closed = 0;
      constructor() {
        super();
        setTimeout(() => this.onerror?.(new Event('error')));
      }
      close() {
        this.closed++;
      }
      send() {}
    }
    const real = globalThis.WebSocket;
    const made: ErrorOnly[] = [];
    globalThis.WebSocket = class extends ErrorOnly {
      constructor() {
        super();
        made.push(this);
      }
    } as unknown as typeof WebSocket;
    try {
      const link: Link = {
        url: 'ws://127.0.0.1:1/s',
        lastEventId: '',
        headers: {},
        credentials: undefined,
        signal: new AbortController().signal,
        facts,
        sources: [],
        opened: () => {},
        alive: () => {},
        message: () => {},
        seen: () => {},
        retry: () => {},
        bytes: () => {},
      };
      const ended = await openSocket(link).ended;
      expect(ended.unopened).to.equal(true);
      expect(ended.error).to.include({ kind: 'network', message: 'The socket could not open.' });
      expect(
        made.map((ws) => ws.closed),
        'the socket is let go',
      ).to.deep.equal([1]);
    } finally {
      globalThis.WebSocket = real;
    }
  });
});
