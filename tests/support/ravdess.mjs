// Pulls single RAVDESS clips out of the shared archive (../shared/data, never committed) for tests.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { RAVDESS_ARCHIVE } from '../../tools/shared_data.mjs';

export { RAVDESS_ARCHIVE };

// Returns the path of `clip` (e.g. "Actor_19/03-01-05-02-01-01-19.wav") extracted under `dir`,
// or null when the archive is not available on this machine.
export function ravdessClip(clip, dir) {
  const paths = ravdessClips([clip], dir);
  return paths && paths[0];
}

// The same for several clips, extracted in one pass over the archive (each pass decompresses it all).
export function ravdessClips(clips, dir) {
  if (!existsSync(RAVDESS_ARCHIVE)) return null;
  const missing = clips.filter((clip) => !existsSync(join(dir, 'ravdess-16k', clip)));
  if (missing.length) {
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xJf', RAVDESS_ARCHIVE, '-C', dir, ...missing.map((clip) => `ravdess-16k/${clip}`)]);
  }
  return clips.map((clip) => join(dir, 'ravdess-16k', clip));
}
