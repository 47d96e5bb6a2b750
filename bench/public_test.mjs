// FER2013 PublicTest (the validation split no model here trains on): its 3,589 JPEGs, extracted once
// from the shared archive under build/bench-data (never committed). Returns null without the archive.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { LABELS as CLASSES } from '../tools/classify.mjs';
import { FER_ARCHIVE } from '../tools/shared_data.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
export const PUBLIC_TEST_SIZE = 3589;

// Every `step`th face in path order from the `offset`th: [{ path, label }]. Another offset gives a bench's
// screen faces it does not report on.
export function publicTestFaces({ step = 1, offset = 0 } = {}) {
  const dataDir = join(root, 'build', 'bench-data');
  const valDir = join(dataDir, 'fer2013', 'val');
  const countFiles = () => (existsSync(valDir) ? CLASSES.reduce((n, c) => n + (existsSync(join(valDir, c)) ? readdirSync(join(valDir, c)).length : 0), 0) : 0);
  if (countFiles() < PUBLIC_TEST_SIZE) {  // face_bench.mjs extracts a single face there
    if (!existsSync(FER_ARCHIVE)) return null;
    mkdirSync(dataDir, { recursive: true });
    execFileSync('tar', ['-xzf', FER_ARCHIVE, '-C', dataDir, 'fer2013/val']);
  }
  return CLASSES.flatMap((label) => readdirSync(join(valDir, label)).sort().map((f) => ({ path: join(valDir, label, f), label })))
    .sort((a, b) => (a.path < b.path ? -1 : 1)).filter((_, i) => i % step === offset % step);
}
