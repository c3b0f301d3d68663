// The documentation site at 375 px, light: part 1 of its pages (see crawl.ts).
import { siteTest } from './crawl.js';

siteTest('phone', 'light', 1);
