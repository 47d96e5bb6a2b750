// The calibrate step (README, "Calibration") in the real app.
// 1. Fake camera (FER2013 PublicTest faces, validation data): calibrate on a neutral face; afterwards
//    the reported point on that face moves toward the population's neutral point, and on a later face
//    the corrected reading is the uncorrected one times the stored per-class factors (capped);
//    a reload keeps the baseline, "forget" removes it.
// 2. Kiosk (recorded model outputs injected with ?debug=inputs): a calibration is used but never
//    stored, and the idle reset for the next visitor removes it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

import { startServer } from '../../tools/serve.mjs';
import { LABELS } from '../../tools/classify.mjs';
import { loadCore } from '../../tools/core_module.mjs';
import { clickStart, clickTarget, launchBrowser, openPage, waitForState } from '../support/browser.mjs';
import { writeQuietMedia, writeWav } from '../support/fake_media.mjs';
import { ferFaces, labelSegments, writeFaceClip } from '../support/face_video.mjs';
import { createClassifier } from '../../tools/classify.mjs';
import { injectReading } from '../support/moods.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = join(root, 'build', 'browser-tests', 'calibration');
const screenshots = join(root, 'build', 'screenshots');
const CAP = Math.log(4);  // CalibrationConfig::max_offset
// A face labelled neutral that the app's pipeline reads as mostly angry or sad (a "resting face" bias;
// offline 0.54 angry, 0.14 neutral), shown for two segments, then a happy face, then no face. The test
// finds the neutral part by the clip's timing, not by its label: a face this ambiguous may be read as
// angry in one frame and sad in the next, which is exactly what calibration is for.
const NEUTRAL = 'fer2013/val/neutral/PublicTest_10594126.jpg';
const LATER = 'fer2013/val/happy/PublicTest_10248771.jpg';
const SEGMENT_S = 12;
let server, url, clip = null, quiet;

const dist = (a, b) => Math.hypot(a.valence - b.valence, a.arousal - b.arousal);
const storedKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('attune.')));

before(async () => {
  mkdirSync(scratch, { recursive: true });
  mkdirSync(screenshots, { recursive: true });
  quiet = writeQuietMedia(scratch);
  ({ server, url } = await startServer({ root: join(root, 'dist'), port: 0, base: '/attune/', quiet: true }));
  const files = ferFaces([NEUTRAL, LATER], join(scratch, 'data'));
  if (!files) return;
  const core = await loadCore();
  const video = join(scratch, 'faces.y4m');
  // Segments: neutral, neutral (24 s of the same face), happy, no face; the clip loops.
  const { segments } = writeFaceClip(core, video, [files[0], files[0], files[1]], { fps: 5, secondsPerSegment: SEGMENT_S });
  await labelSegments(core, await createClassifier(), segments);
  const audio = join(scratch, 'silence.wav');
  writeWav(audio, new Float32Array(48000 * 2), 48000);
  clip = { video, audio, neutralLabel: segments[0].expected, laterLabel: segments[2].expected };
});

after(() => server.close());

// Polls the state until `predicate` holds for `times` consecutive observations.
async function waitSteady(page, predicate, { times = 3, timeout = 90000, what }) {
  let run = 0;
  return waitForState(page, (s) => (predicate(s) ? ++run >= times : (run = 0, false)), { timeout, what });
}

test('fake camera: calibrating on a neutral face corrects later readings as documented; reload keeps it, forget removes it', async (t) => {
  if (!clip) { t.skip('../shared/data/fer2013 is not on this machine'); return; }
  const context = await launchBrowser({ video: clip.video, audio: clip.audio });
  try {
    const { page, log } = await openPage(context, url);
    await waitForState(page, (s) => s.models.face_emotion && s.models.face_emotion.state === 'ready', { what: 'the face model' });
    await clickStart(page);
    // Uncalibrated: the reported point is the uncorrected one.
    const plain = await waitForState(page, (s) => s.mood.available && s.face.label, { what: 'a first reading', timeout: 90000 });
    assert.equal(plain.calibration.active, false);
    assert.deepEqual(plain.mood.va, plain.mood.va_uncorrected);
    assert.equal(plain.face.probs_corrected, undefined);

    // Calibrate during the neutral part (24 s of the loop; the recording takes 10 s), early in it: right
    // after the no-face segment (a second without a face: a missed detection or two is not that segment).
    const { neutralLabel, laterLabel } = clip;
    assert.notEqual(neutralLabel, laterLabel);
    await waitSteady(page, (s) => s.face.state === 'no_face', { times: 5, what: 'the no-face segment', timeout: 90000 });
    const back = await waitForState(page, (s) => s.face.state === 'tracking' && s.face.label,
      { what: 'the neutral face again', timeout: 30000 });
    const neutralEndsMs = back.time_ms + 2 * SEGMENT_S * 1000;
    await clickTarget(page, 'calibrate');
    const recording = await waitForState(page, (s) => s.calibration.recording && s.calibration.progress > 0.2, { what: 'the recording' });
    assert.ok(recording.calibration.remaining_s > 0 && recording.calibration.remaining_s < 10);
    await page.screenshot({ path: join(screenshots, 'calibrating.png') });
    const done = await waitForState(page, (s) => s.calibration.finished === 1, { what: 'the end of the recording', timeout: 30000 });
    assert.equal(done.calibration.face.calibrated, true, JSON.stringify(done.calibration));
    assert.ok(done.calibration.face.recorded_readings >= 5);
    for (const l of LABELS) assert.ok(Math.abs(done.calibration.face.offsets[l]) <= CAP + 1e-5, `offset ${l}`);
    assert.deepEqual(await storedKeys(page), ['attune.calibration']);
    // A screen reader hears the outcome (the page's live region; the voice had silence to record).
    await page.waitForFunction(() => document.getElementById('a11y-status').textContent
      .includes('Calibration done: your face is now read against your own neutral baseline.'), null, { timeout: 10000 });

    // Still on the neutral face: the corrected point is closer to the neutral reference than the raw one.
    const ref = done.calibration.face.neutral_va;
    // (5 s on: the fused mood averages the last 4 s, and readings taken while recording were uncorrected.)
    const onNeutral = await waitForState(page, (s) => s.time_ms > done.time_ms + 5000,
      { what: 'readings of the neutral face after calibrating', timeout: 30000 });
    // (1.5 s of margin: the fake camera's loop drifts from the page clock by a few hundred ms.)
    assert.ok(onNeutral.time_ms < neutralEndsMs - 1500, `still on the neutral face: ${onNeutral.time_ms} vs ${neutralEndsMs}`);
    assert.notEqual(onNeutral.face.label, laterLabel, 'still on the neutral face');
    assert.ok(dist(onNeutral.mood.va, ref) < dist(onNeutral.mood.va_uncorrected, ref) - 0.05,
      `corrected ${JSON.stringify(onNeutral.mood.va)}, raw ${JSON.stringify(onNeutral.mood.va_uncorrected)}, reference ${JSON.stringify(ref)}`);
    t.diagnostic(`neutral face (offline ${neutralLabel}, app now ${onNeutral.face.label}), distance to the neutral reference point: corrected ${dist(onNeutral.mood.va, ref).toFixed(3)}, ` +
      `uncorrected ${dist(onNeutral.mood.va_uncorrected, ref).toFixed(3)} (${done.calibration.face.recorded_readings} readings recorded)`);
    await page.screenshot({ path: join(screenshots, 'calibrated.png') });

    // The later (happy) face: its corrected reading is raw x exp(offset), renormalised, within the cap.
    const later = await waitSteady(page, (s) => s.face.label === laterLabel && s.face.probs_corrected,
      { what: 'the later face', timeout: 60000 });
    checkCorrection(later.face.probs, later.face.probs_corrected, later.calibration.face.offsets);
    assert.notDeepEqual(later.mood.va, later.mood.va_uncorrected);
    t.diagnostic(`later face: corrected ${JSON.stringify(later.mood.va)}, uncorrected ${JSON.stringify(later.mood.va_uncorrected)}`);

    // A reload keeps the baseline.
    const baseline = later.calibration.face.baseline;
    await page.reload();
    // Catalog loaded: its name line sits above Privacy, which moves down when it appears.
    const reloaded = await waitForState(page, (s) => s.frame > 5 && s.catalog.loaded, { what: 'the reloaded app' });
    assert.equal(reloaded.calibration.active, true);
    for (const l of LABELS) assert.ok(Math.abs(reloaded.calibration.face.baseline[l] - baseline[l]) < 1e-5, l);
    await clickTarget(page, 'privacy');
    await waitForState(page, (s) => s.ui.forget, { what: 'the privacy panel' });
    await page.screenshot({ path: join(screenshots, 'calibration-privacy.png') });

    // Forget removes it: nothing stored, and the reported point is the uncorrected one again.
    await clickTarget(page, 'forget');
    const forgotten = await waitForState(page, (s) => !s.calibration.active, { what: 'the calibration forgotten' });
    assert.equal(forgotten.calibration.face.calibrated, false);
    assert.deepEqual(await storedKeys(page), []);
    await clickStart(page);
    const after = await waitSteady(page, (s) => s.mood.available && s.face.label, { what: 'readings after forgetting', times: 3 });
    assert.equal(after.face.probs_corrected, undefined);
    assert.ok(dist(after.mood.va, after.mood.va_uncorrected) < 1e-6);
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.consoleErrors, []);
  } finally {
    await context.close();
  }
});

// corrected_c = raw_c * exp(offset_c) / sum: recomputed here from the published numbers; no class moves
// by more than the factor e^(2 * cap).
function checkCorrection(raw, corrected, offsets) {
  const weighted = LABELS.map((l) => raw[l] * Math.exp(offsets[l]));
  const sum = weighted.reduce((a, b) => a + b, 0);
  LABELS.forEach((l, i) => {
    assert.ok(Math.abs(corrected[l] - weighted[i] / sum) < 1e-4, `${l}: ${corrected[l]} vs ${weighted[i] / sum}`);
    assert.ok(corrected[l] <= raw[l] * Math.exp(2 * CAP) + 1e-6 && corrected[l] >= raw[l] * Math.exp(-2 * CAP) - 1e-6, l);
  });
}

test('kiosk: a calibration is used but never stored, and the idle reset removes it', async (t) => {
  const context = await launchBrowser(quiet);
  try {
    const page = await context.newPage();
    await page.goto(url + '?kiosk=1&idle=40&debug=inputs');
    await waitForState(page, (s) => s.catalog && s.catalog.loaded && s.frame > 5, { what: 'the kiosk app' });
    await page.mouse.click(640, 500);  // the tap that starts
    await waitForState(page, (s) => s.capturing && s.camera.state === 'live', { what: 'capture after the tap', timeout: 90000 });
    await clickTarget(page, 'calibrate');
    await waitForState(page, (s) => s.calibration.recording, { what: 'the recording' });
    // A resting face read as partly sad, as a face model would report it, 5 times a second.
    const resting = [0.03, 0.03, 0.03, 0.03, 0.35, 0.03, 0.5];
    // Until the recording ends, then 3 s more (page clock) so that the fused mood is mostly corrected readings.
    let state, finishedAt = null;
    for (let i = 0; i < 200; i++) {
      await injectReading(page, resting);
      await page.waitForTimeout(200);
      state = await page.evaluate(() => window.attuneState);
      if (state.calibration.finished === 1) finishedAt ??= state.time_ms;
      if (finishedAt !== null && state.time_ms > finishedAt + 3000) break;
    }
    assert.equal(state.kiosk.resets, 0, 'checked before the idle reset');
    assert.equal(state.calibration.active, true, JSON.stringify(state.calibration));
    assert.ok(state.mood.va.valence > state.mood.va_uncorrected.valence, JSON.stringify(state.mood));
    t.diagnostic(`kiosk: corrected ${JSON.stringify(state.mood.va)}, uncorrected ${JSON.stringify(state.mood.va_uncorrected)}`);
    assert.deepEqual(await storedKeys(page), []);
    // The fake camera shows no face: 40 s after it went live the session is cleared, calibration included.
    const reset = await waitForState(page, (s) => s.kiosk.resets === 1, { what: 'the idle reset', timeout: 60000 });
    assert.equal(reset.calibration.active, false);
    assert.equal(reset.calibration.face.calibrated, false);
    assert.deepEqual(await storedKeys(page), []);
    await page.close();
  } finally {
    await context.close();
  }
});
