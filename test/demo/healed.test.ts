// Issue 27's "done when": the demo's fault panel breaks the server and heals it, and each
// language's diagnostics panel then shows, in order, what happened to the overview and what the
// widgets said, in words and in pictures, on a phone in light and on a desktop in dark (the
// failing state already opens the panels in all four), with axe finding nothing (see checks.ts).
// Beside the WebKit run, which ends first.
import { pageChecks } from './checks.js';

pageChecks(
  '/',
  ['healed'],
  [
    ['phone', 'light'],
    ['desktop', 'dark'],
  ],
);
