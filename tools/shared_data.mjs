// Where the training and evaluation data lives: ../shared/data beside the repository, or
// $ATTUNE_SHARED_DATA. Nothing from it is committed (see ../shared/data/README.md for its licenses).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export const SHARED_DATA = process.env.ATTUNE_SHARED_DATA || join(root, '..', 'shared', 'data');
export const FER_ARCHIVE = join(SHARED_DATA, 'fer2013', 'fer2013-train-val.tar.gz');
export const RAVDESS_ARCHIVE = join(SHARED_DATA, 'ravdess', 'ravdess-16k-actors01-20.tar.xz');
