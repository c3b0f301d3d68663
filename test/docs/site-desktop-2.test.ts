// The documentation site at 1280 px, light and dark: part 2 of its pages (see crawl.ts).
import { siteTest } from './crawl.js';

siteTest('desktop', 2);
