// Pulls single RAVDESS clips out of the shared archive (../shared/data, never committed) for tests.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const RAVDESS_ARCHIVE = join(process.env.ATTUNE_SHARED_DATA || join(root, '..', 'shared', 'data'),
  'ravdess', 'ravdess-16k-actors01-20.tar.xz');

// Returns the path of `clip` (e.g. "Actor_19/03-01-05-02-01-01-19.wav") extracted under `dir`,
// or null when the archive is not available on this machine.
export function ravdessClip(clip, dir) {
  if (!existsSync(RAVDESS_ARCHIVE)) return null;
  const target = join(dir, 'ravdess-16k', clip);
  if (!existsSync(target)) {
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xJf', RAVDESS_ARCHIVE, '-C', dir, `ravdess-16k/${clip}`]);
  }
  return target;
}
