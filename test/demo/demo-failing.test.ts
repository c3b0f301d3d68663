// The demo with its server failing: alerts, failing badges, every diagnostics panel open with
// what happened (see checks.ts).
import { pageChecks } from './checks.js';

pageChecks('/', ['failing']);
