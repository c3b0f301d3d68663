// The demo page as people see it (see checks.ts).
import { pageChecks } from './checks.js';

// As loaded; the server failing is demo-failing.test.ts (each file within the runner's two minutes).
pageChecks('/', ['loaded']);
