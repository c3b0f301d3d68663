/** The failures of the page's sources, as the data layer publishes them (`src/data/error-store.ts`). */
export { $errors, $errorLog, dismissError, type ErrorEntry } from '../data/error-store.js';
