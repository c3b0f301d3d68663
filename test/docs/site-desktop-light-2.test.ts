// The documentation site at 1280 px, light: part 2 of its pages (see crawl.ts).
import { siteTest } from './crawl.js';

siteTest('desktop', 'light', 2);
