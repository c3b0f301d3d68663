// The documentation site at 375 px, light (see crawl.ts).
import { siteTest } from './crawl.js';

siteTest('phone', 'light');
