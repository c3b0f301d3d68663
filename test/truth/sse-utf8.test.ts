// web-platform-tests' eventsource/format-field-id-2 against our client, with a real server and no
// msw (its worker cannot carry a header that is not Latin-1 back to the page): an id outside
// Latin-1 goes back in Last-Event-ID encoded as UTF-8, and the next connection resumes from it.
import { expect } from '@open-wc/testing';
import { createSource } from '../../src/data/source.js';
import { disposeAll, until } from '../helpers.js';

afterEach(() => disposeAll());

describe('an event id outside Latin-1', () => {
  it('is sent back as UTF-8, as browsers send it, and the stream resumes from it', async () => {
    const source = createSource<string>('s', { stream: `/__sse/last-event-id?n=${Date.now()}`, event: 'message', tabs: 'independent' });
    const seen: [string | undefined, string][] = [];
    source.$state.subscribe((s) => s.data !== undefined && seen[seen.length - 1]?.[0] !== s.data && seen.push([s.data, s.connection]));
    // First: `id: …` with "hello"; then, on each reconnection, the server echoes the id it received.
    await until(source.$state, (s) => s.data === '…☃');
    expect(seen.map(([d]) => d)).to.deep.equal(['hello', '…☃']);
  });
});
