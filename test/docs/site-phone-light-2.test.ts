// The documentation site at 375 px, light: part 2 of its pages (see crawl.ts).
import { siteTest } from './crawl.js';

siteTest('phone', 'light', 2);
