// End to end: how steady the face reading is on a face that does not change, and how fast it follows
// one that does. The real app in headless Chromium, its camera fed tests/support/still_face_clip.mjs:
// a still neutral face for 30 s, then a still happy face for 30 s, looping, with a webcam's sway,
// light drift and sensor noise. The neutral face is one whose single crops the model reads as
// neutral or sad almost at random (the first candidate the offline pipeline reads as neutral): the
// hard case for a steady label.
//
// Measured:
// - still: changes of the shown label per minute over both faces, counted by the app itself
//   (state face.label_changes: every crop counts, not only the 5 states a second the test sees), from 2 s after each segment starts
//   (the first reading of a face is not a change), the one real change between them not counted.
//   Goal: fewer than 2 per minute. The single crops' changes in the same span are reported beside it.
// - change of expression: from the page time the next face's first frame arrived (a marker the clip
//   draws in a corner, watched on a copy of the camera track) to the first published state that shows
//   another label, for neutral -> happy and, when the clip loops, happy -> the first face's label.
//   Goal: within 1.5 s.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

import { createClassifier } from '../../tools/classify.mjs';
import { loadCore } from '../../tools/core_module.mjs';
import { startServer } from '../../tools/serve.mjs';
import { clickStart, launchBrowser, openPage, waitForState } from '../support/browser.mjs';
import { writeQuietMedia } from '../support/fake_media.mjs';
import { collectSamples, recordMediaStreams, startSampling, watchFrameMarker } from '../support/media_hooks.mjs';
import { STILL_SCRIPT, writeStillFaceClip } from '../support/still_face_clip.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = join(root, 'build', 'e2e-tests', 'steadiness');
const SETTLE_S = 2;              // a segment's first seconds: the new face's first reading and the switch
const MAX_CHANGES_PER_MIN = 2;   // the goal: fewer than this
const MAX_FOLLOW_MS = 1500;
let clip = null;
let audio = null;

before(async () => {
  mkdirSync(scratch, { recursive: true });
  clip = await writeStillFaceClip(await loadCore(), await createClassifier(), join(scratch, 'still.y4m'), join(scratch, 'fer'));
  audio = writeQuietMedia(scratch).audio;
});

// The app's counters at the last sample taken before page time `t`.
function countersAt(samples, t) {
  let last = null;
  for (const sample of samples) {
    if (sample.t > t) break;
    if (sample.s.face.label_changes) last = sample.s.face.label_changes;
  }
  return last;
}

// From `switchT` (page time the new segment's first frame arrived) to the first sample that shows a
// label other than `from`, in ms (the state is published 5 times a second and sampled 10: this counts
// up to 0.3 s more than the app took); null when none did before `untilT`.
function followMs(samples, switchT, from, untilT) {
  for (const { t, s } of samples) {
    if (t < switchT || t > untilT) continue;
    if (s.face.label && s.face.label !== from) return { to: s.face.label, ms: Math.round(t - switchT) };
  }
  return null;
}

test('a still face keeps its label, and a change of expression is followed within 1.5 s', async (t) => {
  if (!clip) { t.skip('../shared/data (FER2013) is not on this machine'); return; }
  const segment = clip.secondsPerFace;
  t.diagnostic(`faces ${clip.faces.join(', ')} (${STILL_SCRIPT.join(', ')}), ${segment} s each at ${clip.fps} fps`);
  const { server, url } = await startServer({ root: join(root, 'dist'), port: 0, base: '/attune/', quiet: true });
  const context = await launchBrowser({ video: join(scratch, 'still.y4m'), audio });
  try {
    await context.addInitScript(recordMediaStreams);
    const { page, log } = await openPage(context, url);
    await waitForState(page, (s) => s.models.face_detector.state === 'ready' && s.models.face_emotion.state === 'ready',
      { what: 'the face models', timeout: 90000 });
    await clickStart(page);
    await waitForState(page, (s) => s.camera.state === 'live', { what: 'a live camera', timeout: 60000 });
    await watchFrameMarker(page);
    await startSampling(page, 100);
    await page.waitForTimeout((2 * segment + SETTLE_S + 1) * 1000);  // one loop, and into the next
    const samples = await collectSamples(page);
    writeFileSync(join(scratch, 'samples.json'), JSON.stringify(samples));  // for a look after a failure

    // The page times each segment began: dark marker (first face), bright (second), dark (the loop).
    const marker = samples.at(-1).marker;
    const starts = [marker[0]?.t, marker.find((m) => m.bright)?.t];
    starts.push(marker.find((m) => !m.bright && m.t > starts[1])?.t);
    assert.ok(starts.every((x) => x !== undefined), `the clip's segments reached the page: ${JSON.stringify(marker)}`);

    // Still spans: each face from SETTLE_S after its first frame to the next face's first frame.
    let shown = 0, single = 0, seconds = 0;
    for (const [from, to] of [[starts[0] + SETTLE_S * 1000, starts[1]], [starts[1] + SETTLE_S * 1000, starts[2]]]) {
      const a = countersAt(samples, from), b = countersAt(samples, to);
      assert.ok(a && b, `the app read the face between ${from} and ${to} ms`);
      shown += b.shown - a.shown;
      single += b.single_crops - a.single_crops;
      seconds += (to - from) / 1000;
    }
    const perMinute = (n) => Math.round((n * 600) / seconds) / 10;
    const labelBefore = (t) => samples.filter((x) => x.t < t && x.s.face.label).at(-1)?.s.face.label;
    const firstFace = labelBefore(starts[1]);
    const toSecond = followMs(samples, starts[1], firstFace, starts[2]);
    const backToFirst = followMs(samples, starts[2], labelBefore(starts[2]), samples.at(-1).t);
    const report = {
      still: { seconds: Math.round(seconds), shown_label_changes: shown, per_minute: perMinute(shown), single_crop_changes: single,
               single_crop_per_minute: perMinute(single) },
      follow: { first_face_shown_as: firstFace, to_second: toSecond, back_to_first: backToFirst },
      frames_per_s: Math.round(10 * samples.at(-1).s.frames_grabbed / ((samples.at(-1).t - samples[0].started.video) / 1000)) / 10,
    };
    t.diagnostic(JSON.stringify(report));

    assert.ok(perMinute(shown) < MAX_CHANGES_PER_MIN, `a still face changed label ${perMinute(shown)} times a minute: ${JSON.stringify(report)}`);
    assert.ok(toSecond && toSecond.to === STILL_SCRIPT[1], `the second face read as ${toSecond?.to}: ${JSON.stringify(report)}`);
    assert.ok(toSecond.ms <= MAX_FOLLOW_MS, `the change to ${STILL_SCRIPT[1]} showed after ${toSecond.ms} ms`);
    assert.ok(backToFirst && backToFirst.ms <= MAX_FOLLOW_MS, `the change back showed after ${backToFirst?.ms} ms`);
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.consoleErrors, []);
  } finally {
    await context.close();
    server.close();
  }
});
