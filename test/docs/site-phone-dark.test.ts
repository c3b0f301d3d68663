// The documentation site at 375 px, dark (see crawl.ts).
import { siteTest } from './crawl.js';

siteTest('phone', 'dark');
