// How well the whole face pipeline reads faces a camera sees: FER2013 PublicTest faces (validation data,
// never trained on) enlarged to webcam sizes on a 320x240 frame, run through the wasm core module +
// ONNX Runtime Web as the app runs them, under several conditions:
// - the pipeline before (upright only, no exposure correction), unzoomed (the search also in the frame
//   turned +-30 degrees, dark frames brightened: the app's until 2026-12-03), upright corners (the same,
//   and every other search run one corner of the frame enlarged, upright: FacePipelineConfig::
//   zoom_faces_under; the app's until 2026-12-05), or as the app runs it (the corners turned too:
//   turn_search_tiles); a single image gets the detector runs the app gives a still face;
// - normal light, or dim light as an evening lit by a screen gives it (dimLight: lower gain and gamma,
//   more sensor noise);
// - YuNet's input size (the app: 256x192; --inputs adds others).
// Prints, per face size and condition: faces found, accuracy (a face not found counts as wrong),
// accuracy on the faces found, and the crop-only accuracy of the same faces (no detection, the model
// card's setting) for reference. Prints figures; never fails.
// --detector / --classifier: other ONNX files in place of the app's (e.g. a model with compressed weights).
// --pipelines / --lights: a subset of the rows; --lifted-thresholds 0.5,0.55: the app's row again with
// YuNet's score threshold in brightened dark frames set to each (FacePipelineConfig::lifted_score_threshold).
// --still-frames K: also what the app shows after K frames (7 a second) of the same still face, each frame
// with its own sensor noise (dim light; the normal frames have none, so they repeat): the crops go through
// the face stage's smoothing (ExpressionSmoother, the app's settings) and the label it shows after the
// last frame is scored. The detector runs on every frame (the app: every other one, tracking between).
// --dim-crop-weights 0.5: the app's row again with each new crop that weight of the tracked face's crop
// average in brightened frames (FacePipelineConfig::dim_crop_new_weight); --tracked-thresholds 0.45: with
// the tracked face kept there at that score (tracked_score_threshold), alone and with each crop weight;
// --registered-crop-weights 0.5: the crop average with each crop laid on it first (register_dim_crops).
// --offset O: the faces O, O + step, ... instead (a screen on faces the default rows do not use); --keep
// KEYS: only those settings (e.g. after,after_tracked_0.5_crop_weight_0.5).
// --probs FILE: every face's probabilities as each row read it (null where no face was found) and its crop's,
// for training/fusion/fused_pairs.py --face-pipeline.
//   node bench/face_pipeline_accuracy.mjs [--step 6] [--offset 0] [--sizes 64,96,144] [--inputs 256x192] [--json FILE]
//                                         [--detector FILE] [--classifier FILE] [--pipelines before,after]
//                                         [--lights normal,dim] [--lifted-thresholds 0.5] [--still-frames 7]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { composeFrame, decodeFace, dimLight, H, rgbaOf, W } from '../tests/support/face_video.mjs';
import { argmaxIndex as argmax, LABELS as CLASSES } from '../tools/classify.mjs';
import { createSmoother } from './expression_smoother.mjs';
import { chooseSettings, configureFacePipeline } from './face_frame.mjs';
import { CLASSIFIER_PATH, DETECTOR_PATH, openFacePipeline } from './open_face_pipeline.mjs';
import { publicTestFaces } from './public_test.mjs';

const { values } = parseArgs({ options: {
  step: { type: 'string', default: '6' }, sizes: { type: 'string', default: '64,96,144' },
  inputs: { type: 'string', default: '256x192' }, json: { type: 'string' },
  detector: { type: 'string', default: DETECTOR_PATH }, classifier: { type: 'string', default: CLASSIFIER_PATH },
  pipelines: { type: 'string' }, lights: { type: 'string', default: 'normal,dim' }, 'lifted-thresholds': { type: 'string', default: '' },
  'still-frames': { type: 'string', default: '0' }, 'dim-crop-weights': { type: 'string', default: '' },
  'tracked-thresholds': { type: 'string', default: '' }, offset: { type: 'string', default: '0' }, keep: { type: 'string' },
  probs: { type: 'string' }, 'registered-crop-weights': { type: 'string', default: '' },
} });
const stillFrames = Number(values['still-frames']), STILL_FPS = 7;
const step = Number(values.step);
const sizes = values.sizes.split(',').map(Number);
const inputs = values.inputs.split(',').map((s) => s.split('x').map(Number));
// Before: the pipeline as it was (upright only, no exposure correction); after: the app's.
const PIPELINES = chooseSettings({
  before: { searchRoll: 0, correctExposure: false, zoomFacesUnder: 0, name: 'before (upright only, no exposure correction)' },
  unzoomed: { searchRoll: 30, correctExposure: true, zoomFacesUnder: 0, name: 'search upright and +-30 deg, dark frames brightened' },
  upright_corners: { searchRoll: 30, correctExposure: true, zoomFacesUnder: 80, turnTiles: false, name: 'the same + enlarged corners of the frame, upright' },
  after: { searchRoll: 30, correctExposure: true, zoomFacesUnder: 80, turnTiles: true, name: 'app (the same, the corners also turned +-30 deg)' },
}, { names: values.pipelines, appKey: 'after', liftedThresholds: values['lifted-thresholds'], cropWeights: values['dim-crop-weights'],
  trackedThresholds: values['tracked-thresholds'], registeredCropWeights: values['registered-crop-weights'], keep: values.keep });
const CONDITIONS = inputs.flatMap(([w, h]) => values.lights.split(',').flatMap((light) => Object.entries(PIPELINES).map(
  ([pipeline, p]) => ({ w, h, light, pipeline, ...p, name: `${w}x${h}, ${light} light, ${p.name}` }))));

const faces = publicTestFaces({ step, offset: Number(values.offset) });
if (!faces) { console.log('skipped: the FER2013 archive is not in the shared data'); process.exit(0); }

const { core, runner, detector, classifier } = await openFacePipeline({ detectorPath: values.detector, classifierPath: values.classifier });

// A lit-wall gradient; each frame is a copy with the face (composeFrame: bilinear enlargement to `size`
// px) at a place that varies per face.
const wall = new Uint8Array(W * H * 3);
for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
  const v = 150 - (y * 50) / H + (x * 20) / W;
  wall.set([v + 10, v, v - 15], (y * W + x) * 3);
}
// `draw` > 0: the same frame with another draw of the dim light's sensor noise.
function frameWith(face, size, index, light, draw = 0) {
  const left = Math.round(((index * 37) % 100) / 100 * (W - size)), top = Math.round(((index * 61) % 100) / 100 * (H - size));
  const rgb = composeFrame(face, left, top, size, wall.slice());
  return rgbaOf(light === 'dim' ? dimLight(rgb, index + draw * 1000003) : rgb);
}

// --still-frames: the label the face stage shows after `stillFrames` frames of the face (the first one
// already searched) and the largest of its smoothed probabilities (the shown label is held until another
// leads by a margin), each -1 when no crop reached it.
const smoother = createSmoother(core);
async function shownAfterStillFrames(first, image, size, index, light) {
  smoother.configure();
  let shown = -1, leading = -1;
  const add = (result, k) => {
    if (!result.found) return;
    const { label, combined } = smoother.add(result.probs, core._attune_face_crop_quality(), k / STILL_FPS);
    shown = label;
    leading = argmax(Array.from(combined));
  };
  add(first, 0);
  for (let k = 1; k < stillFrames; k++) {
    runner.setFrame(frameWith(image, size, index, light, k), W, H);
    add(await runner.frame(detector, classifier), k);
  }
  return { shown, leading };
}

const results = sizes.map((size) => ({ size, cropCorrect: 0, conditions: CONDITIONS.map(() => ({ found: 0, correct: 0, runs: 0, stillFound: 0, stillCorrect: 0, stillLeadingCorrect: 0 })) }));
const readings = { classes: CLASSES, labels: [], crop: [], rows: sizes.flatMap((size) => CONDITIONS.map((c) => ({ size, light: c.light, pipeline: c.pipeline, name: c.name, probs: [] }))) };
const rounded = (probs) => Array.from(probs, (p) => Number(p.toFixed(5)));
for (const [index, face] of faces.entries()) {
  const image = decodeFace(core, face.path);  // the core now holds the image: cropWhole classifies it
  const truth = CLASSES.indexOf(face.label);
  const cropProbs = await runner.cropWhole(classifier);
  const cropCorrect = argmax(Array.from(cropProbs)) === truth ? 1 : 0;
  readings.labels.push(truth);
  readings.crop.push(rounded(cropProbs));
  for (const [s, r] of results.entries()) {
    r.cropCorrect += cropCorrect;
    for (const [k, c] of CONDITIONS.entries()) {
      configureFacePipeline(core, { ...c, every: 1 });
      runner.setFrame(frameWith(image, r.size, index, c.light), W, H, { newImage: true });
      const f = await runner.search(detector, classifier);
      r.conditions[k].found += f.found ? 1 : 0;
      r.conditions[k].correct += f.found && argmax(Array.from(f.probs)) === truth ? 1 : 0;
      r.conditions[k].runs += f.runs;
      readings.rows[s * CONDITIONS.length + k].probs.push(f.found ? rounded(f.probs) : null);
      if (stillFrames > 0) {
        const { shown, leading } = await shownAfterStillFrames(f, image, r.size, index, c.light);
        r.conditions[k].stillFound += shown >= 0 ? 1 : 0;
        r.conditions[k].stillCorrect += shown === truth ? 1 : 0;
        r.conditions[k].stillLeadingCorrect += leading === truth ? 1 : 0;
      }
    }
  }
}

const pct = (k, n = faces.length) => `${((100 * k) / n).toFixed(1)}%`;
console.log(`Face pipeline accuracy: ${faces.length} PublicTest faces (every ${step}th in name order from the ${Number(values.offset)}th) on a ${W}x${H} frame`);
console.log('| face size | condition | faces found | accuracy (no face = wrong) | accuracy of faces found | crop-only accuracy |');
console.log('|---:|---|---:|---:|---:|---:|');
for (const r of results) for (const [k, c] of CONDITIONS.entries()) {
  const x = r.conditions[k];
  console.log(`| ${r.size} px | ${c.name} | ${pct(x.found)} | ${pct(x.correct)} | ${pct(x.correct, x.found)} | ${pct(r.cropCorrect)} |`);
}
if (stillFrames > 0) {
  console.log(`\nShown by the app after ${stillFrames} frames (${STILL_FPS} a second) of each still face, the crops smoothed as the face stage does`);
  console.log('| face size | condition | a face shown | shown label right (none = wrong) | smoothed probabilities\' largest right | single first frame right |');
  console.log('|---:|---|---:|---:|---:|---:|');
  for (const r of results) for (const [k, c] of CONDITIONS.entries()) {
    const x = r.conditions[k];
    console.log(`| ${r.size} px | ${c.name} | ${pct(x.stillFound)} | ${pct(x.stillCorrect)} | ${pct(x.stillLeadingCorrect)} | ${pct(x.correct)} |`);
  }
}
if (values.probs) writeFileSync(values.probs, JSON.stringify(readings));
if (values.json) {
  writeFileSync(values.json, JSON.stringify({ faces: faces.length, step, offset: Number(values.offset), still_frames: stillFrames, still_fps: STILL_FPS, conditions: CONDITIONS, results }, null, 1));
}
