// The soak's short form (bench/soak.mjs runs 10 minutes from bench/run.sh): 75 s of the scripted
// fake media with no console error, no stalled loop and memory growth within the soak's bounds.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { runSoak } from '../../bench/soak.mjs';

const SECONDS = Number(process.env.ATTUNE_SOAK_SECONDS || 75);

test(`a ${SECONDS} s session: no console error, no stalled loop, bounded memory growth`, async (t) => {
  const result = await runSoak({ seconds: SECONDS });
  t.diagnostic(JSON.stringify({ baseline: result.baseline, end: result.end, growth: result.growth, frames_per_s: result.frames_per_s,
    camera_frames_processed_per_s: result.camera_frames_processed_per_s,
    js_heap_mib_per_sample: result.heaps.map((h) => +h.js_heap_mib.toFixed(1)) }));
  assert.ok(result.samples >= SECONDS / 10, `only ${result.samples} samples`);
  assert.deepEqual(result.failures, []);
});
