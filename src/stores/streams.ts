/** Every stream connection, as the data layer publishes them (`src/data/stream-store.ts`). */
export { $streams, type StreamStats, type StreamState } from '../data/stream-store.js';
