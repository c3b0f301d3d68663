import { expect } from '@open-wc/testing';
import { SseParser, type SseMessage } from '../../src/data/sse.js';

/** Parses `chunks` in order; returns the messages and retry values seen. */
function parse(chunks: (string | Uint8Array)[], lastEventId?: string) {
  const messages: SseMessage[] = [];
  const retries: number[] = [];
  const parser = new SseParser({ message: (m) => messages.push(m), retry: (ms) => retries.push(ms) }, lastEventId);
  for (const c of chunks) parser.feed(c);
  return { messages, retries, parser };
}

const enc = (s: string) => new TextEncoder().encode(s);

describe('SseParser', () => {
  it('reads event, multi-line data and id, defaulting the type to message', () => {
    const { messages } = parse(['event: metrics\ndata: {"a":\ndata: 1}\nid: 7\n\ndata: plain\n\n']);
    expect(messages).to.deep.equal([
      { type: 'metrics', data: '{"a":\n1}', lastEventId: '7' },
      { type: 'message', data: 'plain', lastEventId: '7' },
    ]);
  });

  it('accepts CR, LF and CRLF line ends, even a CRLF split between chunks', () => {
    const { messages } = parse(['data: a\r\n\r', '\ndata: b\r\rdata: c\n', '\ndata: d\r', '\n\r\n']);
    expect(messages.map((m) => m.data)).to.deep.equal(['a', 'b', 'c', 'd']);
  });

  it('handles chunks split anywhere, even inside a UTF-8 character', () => {
    const bytes = enc('data: café ☕ 𝄞\n\n');
    for (let cut = 1; cut < bytes.length; cut++) {
      const { messages } = parse([bytes.slice(0, cut), bytes.slice(cut)]);
      expect(messages, `cut at ${cut}`).to.deep.equal([{ type: 'message', data: 'café ☕ 𝄞', lastEventId: '' }]);
    }
    const oneByOne = parse([...bytes].map((b) => new Uint8Array([b])));
    expect(oneByOne.messages[0].data).to.equal('café ☕ 𝄞');
  });

  it('drops one leading BOM, and only at the start', () => {
    expect(parse([enc('\uFEFFdata: x\n\n')]).messages[0].data).to.equal('x');
    expect(parse(['\uFEFFdata: x\n\n']).messages[0].data).to.equal('x');
    const later = parse(['data: a\n\n', '\uFEFFdata: b\n\n']).messages;
    expect(later).to.have.length(1);
  });

  it('ignores comments, unknown fields and events without data', () => {
    const { messages } = parse([': heartbeat\n\nfoo: bar\nevent: lonely\n\nevent: x\ndata\n\n']);
    expect(messages).to.deep.equal([{ type: 'x', data: '', lastEventId: '' }]);
  });

  it('takes a field without a colon as empty, and strips only one leading space', () => {
    const { messages } = parse(['data\ndata:  two\ndata:three\n\n']);
    expect(messages[0].data).to.equal('\n two\nthree');
  });

  it('keeps the id across events, resets it with an empty id, and ignores an id with NULL', () => {
    const { messages, parser } = parse(['id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\nid: 2\0x\ndata: d\n\n']);
    expect(messages.map((m) => m.lastEventId)).to.deep.equal(['1', '1', '', '']);
    expect(parser.lastEventId).to.equal('');
  });

  it('starts from the id it resumes with', () => {
    const { messages, parser } = parse(['data: a\n\n'], '41');
    expect(messages[0].lastEventId).to.equal('41');
    expect(parser.lastEventId).to.equal('41');
  });

  it('reports retry only when it is all digits', () => {
    const { retries } = parse(['retry: 3000\nretry: 1.5\nretry: -1\nretry: soon\nretry:250\n\n']);
    expect(retries).to.deep.equal([3000, 250]);
  });

  it('discards an event left unfinished when the stream ends', () => {
    const messages: SseMessage[] = [];
    const parser = new SseParser({ message: (m) => messages.push(m) });
    parser.feed('data: complete\n\ndata: cut off');
    parser.end();
    parser.feed('data: next\n\n');
    expect(messages.map((m) => m.data)).to.deep.equal(['complete', 'next']);
  });

  it('survives garbage lines', () => {
    const { messages } = parse(['\u0000\u0001garbage\n::::\n\u{1F4A9}\ndata: ok\n\n']);
    expect(messages.map((m) => m.data)).to.deep.equal(['ok']);
  });
});
