// A copy of dist/ for browser tests that must not see it change underneath them (a rebuild while they
// run, or files they compare with what a cache holds), beside tone media for the fake camera and
// microphone. Registers the node:test before/after hooks; `media` is filled by `before`.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';

import { writeToneMedia } from './fake_media.mjs';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

// name: the folder under build/; prepare(dist): adds files to the copy before the tests run.
export function distSnapshot(name, { prepare = () => {} } = {}) {
  const scratch = join(repoRoot, 'build', name);
  const snapshot = { scratch, dist: join(scratch, 'dist'), screenshots: join(repoRoot, 'build', 'screenshots'),
    media: { video: null, audio: null } };
  before(() => {
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
    mkdirSync(snapshot.screenshots, { recursive: true });
    cpSync(join(repoRoot, 'dist'), snapshot.dist, { recursive: true });
    prepare(snapshot.dist);
    Object.assign(snapshot.media, writeToneMedia(scratch));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));
  return snapshot;
}
