// The face stage's smoothing replayed offline: how often the shown label changes on a still face, and
// how soon it follows a change of expression, for several smoothing settings on the same crops.
//
// The clip is the steadiness test's (tests/support/still_face_clip.mjs: a still neutral face, a still
// happy face, the neutral face again; 30 s each, 10 fps, with a webcam's sway, light drift and noise).
// A browser does not read every camera frame: the app grabs 5-9 a second, depending on the machine.
// So each "schedule" grabs frames at a rate with jitter (seeded) and runs them through the app's face
// pipeline in the wasm core module (detector every other frame, flip TTA when needed: bench/face_frame.mjs);
// the crops' probabilities and qualities are recorded once per schedule, then fed to the core's
// ExpressionSmoother under each setting (src/core/expression_smoother.h), as the face stage does
// (afresh when the tracked face's id changes).
//
// Counted as in tests/e2e/steadiness.test.mjs: changes of the shown label from 2 s after each segment
// starts to the next segment's start, per minute; follow time from a segment's first grabbed frame to
// the first crop whose shown label differs from the one before the segment. Latency of the model and of
// the published state (the test sees both, ~0.1-0.4 s) is not included.
//
// --light dim: every frame of the clip as a dim room gives it (tools/face_frames.mjs dimLight, its own
// noise per frame), brightened by the pipeline as in the app; --dim-crop-weight W: the pipeline's
// FacePipelineConfig::dim_crop_new_weight (each new crop's weight in the tracked face's crop average);
// --tracked-threshold T: its tracked_score_threshold (the score that keeps the tracked face in such frames).
//
// --faces replays other faces instead (PublicTest members, one 30 s segment each, in the order given):
// settings are chosen on the test's clip, and checked on faces that were not used to choose them.
//
//   node bench/steadiness_replay.mjs [--rates 5,7,9] [--seeds 2] [--settings '[{"half_life_s":0.7}]']
//        [--faces fer2013/val/sad/PublicTest_9146787.jpg,fer2013/val/happy/PublicTest_30244131.jpg]
//        [--light dim] [--dim-crop-weight 0.5] [--tracked-threshold 0.45]
//        [--json FILE]   (also writes the rows as JSON, for bench/report.mjs)
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { argmaxIndex, createClassifier, LABELS } from '../tools/classify.mjs';
import { dimLight, ferFaces, rgbaOf, seededRandom } from '../tests/support/face_video.mjs';
import { pickStillFaces, stillFaceFrames } from '../tests/support/still_face_clip.mjs';
import { createSmoother } from './expression_smoother.mjs';
import { configureFacePipeline } from './face_frame.mjs';
import { openFacePipeline } from './open_face_pipeline.mjs';

const { values } = parseArgs({ options: {
  rates: { type: 'string', default: '5,7,9' },
  seeds: { type: 'string', default: '2' },
  settings: { type: 'string' },
  faces: { type: 'string' },
  json: { type: 'string' },
  light: { type: 'string', default: 'normal' }, 'dim-crop-weight': { type: 'string', default: '-1' },
  'tracked-threshold': { type: 'string', default: '-1' },
} });
const CLIP_FPS = 10, SECONDS_PER_FACE = 30, SETTLE_S = 2;
const APP_DEFAULT = {};  // the app's ExpressionSmoothingConfig
const SETTINGS = values.settings ? JSON.parse(values.settings) : [
  APP_DEFAULT,
  { half_life_s: 0.5, switch_margin: 0.2, confirm_s: 0 },  // the setting before 2026-12-02
  { switch_margin: 0.3 },
  { confirm_s: 0.2 },
  { half_life_s: 0.35 },
];

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = join(root, 'build', 'bench', 'steadiness');
mkdirSync(scratch, { recursive: true });
const { core, runner, detector, classifier } = await openFacePipeline();
// The app's pipeline setting unless a knob is given (configureFacePipeline's -1: the core's default).
if (Number(values['dim-crop-weight']) > 0 || Number(values['tracked-threshold']) >= 0) {
  configureFacePipeline(core, { dimCropWeight: Number(values['dim-crop-weight']), trackedScoreThreshold: Number(values['tracked-threshold']) });
}
const faces = values.faces ? ferFaces(values.faces.split(','), join(scratch, 'fer'))
  : await pickStillFaces(core, await createClassifier(), join(scratch, 'fer'));
if (!faces) throw new Error('the FER2013 archive is not in the shared data');
const SEGMENTS = values.faces ? faces.length : 3;  // the test's clip: its two faces, and the first again

// Crops of one schedule: { t (s), probs, quality, track }.
async function recordCrops(rate, seed) {
  const jitter = seededRandom(1000 + seed);
  const crops = [];
  let next = 0, index = 0, first = true;
  for (const rgb of stillFaceFrames(core, faces, { fps: CLIP_FPS, secondsPerFace: SECONDS_PER_FACE, segments: SEGMENTS })) {
    const t = index++ / CLIP_FPS;
    if (t + 1e-9 < next) continue;
    next += (0.7 + 0.6 * jitter()) / rate;  // intervals spread +-30% around 1 / rate
    runner.setFrame(rgbaOf(values.light === 'dim' ? dimLight(rgb, 7919 * seed + index) : rgb), 320, 240, { newImage: first });
    first = false;
    const result = await runner.frame(detector, classifier);
    if (result.found) crops.push({ t, probs: result.probs, quality: core._attune_face_crop_quality(), track: core._attune_face_track_id() });
  }
  return crops;
}

const smoother = createSmoother(core);

// The shown label after each crop under the smoothing setting `s`.
function replay(crops, s) {
  smoother.configure(s);
  let track = null;
  return crops.map((crop) => {
    if (crop.track !== track) smoother.reset();
    track = crop.track;
    const { label } = smoother.add(crop.probs, crop.quality, crop.t);
    if (label < 0) throw new Error(`a crop at ${crop.t} s was refused`);
    return { t: crop.t, label: LABELS[label], single: LABELS[argmaxIndex(crop.probs)] };
  });
}

function score(shown) {
  let changes = 0, singleChanges = 0, seconds = 0;
  const follow = [];
  for (let k = 0; k < SEGMENTS; k++) {
    const start = k * SECONDS_PER_FACE, end = start + SECONDS_PER_FACE;
    const span = shown.filter((x) => x.t >= start + SETTLE_S && x.t < end);
    for (let i = 1; i < span.length; i++) {
      if (span[i].label !== span[i - 1].label) changes++;
      if (span[i].single !== span[i - 1].single) singleChanges++;
    }
    seconds += SECONDS_PER_FACE - SETTLE_S;
    if (k > 0) {
      const before = shown.filter((x) => x.t < start).at(-1)?.label;
      const changed = shown.find((x) => x.t >= start && x.t < end && x.label !== before);
      follow.push(changed ? Math.round((changed.t - start) * 1000) : null);
    }
  }
  return { perMinute: (changes * 60) / seconds, singlePerMinute: (singleChanges * 60) / seconds, follow };
}

const schedules = [];
for (const rate of values.rates.split(',').map(Number)) {
  for (let seed = 0; seed < Number(values.seeds); seed++) {
    const crops = await recordCrops(rate, seed);
    schedules.push({ rate, seed, crops });
    console.log(`# schedule ${rate}/s seed ${seed}: ${crops.length} crops`);
  }
}

console.log(`faces ${faces.map((f) => f.split('/').pop()).join(', ')}; ${schedules.length} schedules (rates ${values.rates} a second, ${values.seeds} seeds each)`);
console.log('setting | changes/min on a still face: mean, worst | single crops/min | follow ms: median, worst (null: not followed)');
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const rows = SETTINGS.map((s) => {
  const scores = schedules.map(({ crops }) => score(replay(crops, s)));
  const rates = scores.map((x) => x.perMinute);
  const follows = scores.flatMap((x) => x.follow);
  const known = follows.filter((x) => x !== null).sort((a, b) => a - b);
  return {
    setting: s === APP_DEFAULT ? 'app default' : s,
    changes_per_min_mean: mean(rates), changes_per_min_worst: Math.max(...rates),
    single_crop_changes_per_min: mean(scores.map((x) => x.singlePerMinute)),
    follow_ms_median: known[Math.floor(known.length / 2)] ?? null, follow_ms_worst: follows.includes(null) ? null : known.at(-1),
  };
});
for (const r of rows) {
  console.log([
    JSON.stringify(r.setting),
    `${r.changes_per_min_mean.toFixed(2)}, ${r.changes_per_min_worst.toFixed(2)}`,
    r.single_crop_changes_per_min.toFixed(1),
    `${r.follow_ms_median ?? '-'}, ${r.follow_ms_worst ?? 'null'}`,
  ].join(' | '));
}
if (values.json) {
  writeFileSync(values.json, JSON.stringify({
    faces: faces.map((f) => f.split('/').pop()), rates: values.rates, seeds: Number(values.seeds),
    crops_per_schedule: schedules.map((x) => x.crops.length), rows,
  }, null, 1));
}
