// The demo page as people see it (see checks.ts).
import { pageChecks } from './checks.js';

pageChecks('/');
