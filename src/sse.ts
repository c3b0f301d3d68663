/**
 * live-widgets/sse: the event-stream parser the stream client reads Server-Sent Events with (the
 * HTML standard's rules, over any chunks of bytes). Its own entry, so that a page that only polls
 * does not download it with `live-widgets/data`.
 */
export { SseParser, type SseMessage } from './data/sse.js';
