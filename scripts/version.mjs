// `npm run version`: changesets writes the new version into package.json and the CHANGELOG from
// the pending .changeset/*.md files; this then carries the version into src/version.ts (the
// VERSION export), which npm test checks against package.json in the installed tarball.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

execFileSync('node_modules/.bin/changeset', ['version'], { stdio: 'inherit' });
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const file = 'src/version.ts';
writeFileSync(file, readFileSync(file, 'utf8').replace(/VERSION = '[^']*'/, `VERSION = '${version}'`));
console.log(`Version ${version}: package.json, CHANGELOG.md and ${file}.`);
