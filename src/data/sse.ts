/** One dispatched Server-Sent Event. */
export interface SseMessage {
  /** The `event:` field, `message` when none was given. */
  type: string;
  data: string;
  /** The stream's last event ID string at dispatch (it persists across events). */
  lastEventId: string;
}

export interface SseHandlers {
  message(message: SseMessage): void;
  /** A valid `retry:` field, in ms. */
  retry?(ms: number): void;
  /** A comment line: what servers send to keep a quiet stream alive. */
  comment?(): void;
}

/**
 * An incremental parser for `text/event-stream`, as the HTML standard's "interpreting an event
 * stream" says: UTF-8 decoded across chunk boundaries, a leading BOM dropped, CR, LF and CRLF
 * line ends (a CRLF split between chunks counts once), comments ignored, `data` lines joined
 * with LF, `id` kept across events (and ignored when it holds NULL), `retry` only when all
 * digits, and an event left unfinished at the end of the stream discarded.
 *
 * Two ids are kept, as the standard keeps them: the id *buffer*, set by each `id:` line, and the
 * last event ID *string*, set from the buffer only when an event is dispatched (even one without
 * data). Only the string is what a reconnection sends, so an `id:` whose event was cut off never
 * names an event that did not happen.
 */
export class SseParser {
  #decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  #started = false;
  #buffer = '';
  #skipLf = false;
  #data = '';
  #type = '';
  /** The last event ID buffer. */
  #id: string;
  /** The last event ID string: the buffer as it was at the last dispatch. */
  #lastEventId: string;
  #handlers: SseHandlers;

  constructor(handlers: SseHandlers, lastEventId = '') {
    this.#handlers = handlers;
    this.#id = this.#lastEventId = lastEventId;
  }

  /** The last event ID string: what to send as `Last-Event-ID` when reconnecting. */
  get lastEventId(): string {
    return this.#lastEventId;
  }

  feed(chunk: Uint8Array | string): void {
    let text = typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true });
    if (!text) return;
    if (!this.#started) {
      this.#started = true;
      if (text[0] === '\uFEFF') text = text.slice(1);
    }
    if (this.#skipLf) {
      if (text[0] === '\n') text = text.slice(1);
      this.#skipLf = false;
    }
    // What is left in the buffer holds no line end, so only the new text needs scanning.
    let i = this.#buffer.length;
    this.#buffer += text;
    let start = 0;
    for (; i < this.#buffer.length; i++) {
      const c = this.#buffer[i];
      if (c !== '\r' && c !== '\n') continue;
      this.#line(this.#buffer.slice(start, i));
      if (c === '\r') {
        if (i + 1 === this.#buffer.length) this.#skipLf = true;
        else if (this.#buffer[i + 1] === '\n') i++;
      }
      start = i + 1;
    }
    this.#buffer = this.#buffer.slice(start);
  }

  /**
   * The stream ended: whatever was not dispatched is dropped, an undispatched `id:` with it; the
   * next connection's stream starts from the last event ID string.
   */
  end(): void {
    this.#decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    this.#buffer = this.#data = this.#type = '';
    this.#id = this.#lastEventId;
    this.#skipLf = this.#started = false;
  }

  #line(line: string): void {
    if (line === '') return this.#dispatch();
    if (line[0] === ':') return this.#handlers.comment?.();
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value[0] === ' ') value = value.slice(1);
    switch (field) {
      case 'event':
        this.#type = value;
        break;
      case 'data':
        this.#data += value + '\n';
        break;
      case 'id':
        if (!value.includes('\0')) this.#id = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.#handlers.retry?.(Number(value));
        break;
    }
  }

  #dispatch(): void {
    this.#lastEventId = this.#id;
    if (this.#data === '') {
      this.#type = '';
      return;
    }
    const message = { type: this.#type || 'message', data: this.#data.slice(0, -1), lastEventId: this.#lastEventId };
    this.#data = this.#type = '';
    this.#handlers.message(message);
  }
}
