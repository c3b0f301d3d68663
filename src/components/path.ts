export { valueAt } from '../data/path.js';
