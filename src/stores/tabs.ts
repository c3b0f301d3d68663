/** Each source's tab role and group size, as the data layer publishes them (`src/data/tab-store.ts`). */
export { $tabs, type TabInfo } from '../data/tab-store.js';
