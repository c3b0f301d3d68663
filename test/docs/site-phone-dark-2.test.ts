// The documentation site at 375 px, dark: part 2 of its pages (see crawl.ts).
import { siteTest } from './crawl.js';

siteTest('phone', 'dark', 2);
