// The documentation site at 375 px, light and dark: part 1 of its pages (see crawl.ts).
import { siteTest } from './crawl.js';

siteTest('phone', 1);
