// The documentation site at 1280 px, dark (see crawl.ts).
import { siteTest } from './crawl.js';

siteTest('desktop', 'dark');
