/**
 * live-widgets: custom elements that show, and control, how fresh a page's data is.
 * Importing this module defines every element; `live-widgets/data` is the data layer alone.
 */
export * from './data.js';
export * from './diagnostics.js';
export * from './sse.js';
export * from './elements.js';
export { LiveDiagnostics } from './components/live-diagnostics.js';
