// Writes SITE/sw.js: the service worker (web/sw.js) preceded by its precache list, every file of the
// site with its sha256 and a version that is a hash of the list. Called by tools/assemble_dist.sh as
// its last step, so the list holds everything the site serves (sw.js itself and NOT_PRECACHED excepted).
//   node tools/precache.mjs SITE_DIR
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const worker = fileURLToPath(new URL('../web/sw.js', import.meta.url));

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return entry.isFile() ? [path] : [];
  });
}

// Files the site serves that no page needs in order to run, so that a first visit does not download them
// (issue #16, first-visit bytes): the manifest's PNG icons (a browser fetches them itself when the app
// is installed), license texts, and the example page for sites that embed Attune. They stay on the site.
export const NOT_PRECACHED = [/^assets\/icon-[^/]*\.png$/, /\.LICENSE$/, /^embed-example\.html$/, /^web\/embed-example\.[a-z]+$/];

// The list of files that the service worker caches: { 'relative/path': sha256 }, sorted by path.
export function precacheList(site) {
  const files = {};
  for (const file of walk(site).map((f) => relative(site, f).split(sep).join('/')).sort()) {
    if (file === 'sw.js' || NOT_PRECACHED.some((pattern) => pattern.test(file))) continue;
    files[file] = createHash('sha256').update(readFileSync(join(site, file))).digest('hex');
  }
  return files;
}

export function writeServiceWorker(site) {
  const files = precacheList(site);
  const version = createHash('sha256').update(JSON.stringify(files)).digest('hex').slice(0, 16);
  const header = `self.ATTUNE_PRECACHE = ${JSON.stringify({ version, files }, null, 1)};\n`;
  writeFileSync(join(site, 'sw.js'), header + readFileSync(worker, 'utf8'));
  return { version, count: Object.keys(files).length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.length !== 3) { console.error('usage: node tools/precache.mjs SITE_DIR'); process.exit(2); }
  const { version, count } = writeServiceWorker(process.argv[2]);
  console.log(`[dist] sw.js: ${count} files precached, version ${version}`);
}
