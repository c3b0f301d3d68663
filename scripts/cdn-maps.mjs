// The CDN files' source maps, made to weigh what they give. They took 152 of the package's 558 KB
// packed (the minified code maps a segment per token, and the dependencies' text rode inside):
// - one mapping per source line (what webpack calls a "cheap" map): a stack trace, a breakpoint and
//   a step still land on the right line of the right file; only the column within a line is gone,
//   and with it the names, which serve columns. The npm trees (dist/esm, dist/esm-dev) keep full
//   maps: a host's bundler builds its own from them;
// - our sources by their path in the package (`src/` ships), the dependencies by their versioned
//   URL on jsDelivr, which serves every npm package: no text is copied into a map.
import { readFileSync } from 'node:fs';
import { decodeMappings, encodeMappings } from './mappings.mjs';

const versions = new Map();
/** `…/node_modules/lit-html/lit-html.js` → the same file of the installed version on jsDelivr. */
function published(path) {
  const installed = path.slice(path.indexOf('node_modules/'));
  const [, dir, name, file] = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\/(.*)$/.exec(installed);
  if (!versions.has(dir)) versions.set(dir, JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')).version);
  return `https://cdn.jsdelivr.net/npm/${name}@${versions.get(dir)}/${file}`;
}

/** For rollup's `sourcemapPathTransform`. */
export const shippedSources = (relative) => (relative.includes('node_modules/') ? published(relative) : relative);

/** Keeps, on each generated line, the first mapping of each run from one source line. */
export function byLine(mappings) {
  return encodeMappings(
    decodeMappings(mappings).map((segments) => {
      let last = '';
      return segments.flatMap((s) => {
        const here = s.length > 1 ? `${s[1]}:${s[2]}` : '';
        if (here && here === last) return [];
        last = here;
        return [s.slice(0, 4)];
      });
    }),
  );
}

export function cdnMaps() {
  return {
    name: 'cdn-maps',
    generateBundle(_, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !file.fileName.endsWith('.map')) continue;
        const map = JSON.parse(String(file.source));
        delete map.sourcesContent;
        file.source = JSON.stringify({ ...map, names: [], mappings: byLine(map.mappings) });
      }
    },
  };
}
