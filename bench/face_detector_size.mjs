// What a smaller detector input costs in quality: FER2013 PublicTest faces (validation data, never
// trained on) enlarged to webcam sizes on a 320x240 frame, run through the whole face pipeline (wasm
// core module + ONNX Runtime Web, as the app) with YuNet at 320x256 (the frame at scale 1), 288x224
// (scale 0.9) and 256x192 (scale 0.8). Prints, per face size and setting: faces found, expression accuracy (a face not
// found counts as wrong), how often a setting's label (or "no face") equals the first setting's, and the crop-only accuracy of the
// same faces (no detection, the model card's setting) for reference. Prints figures; never fails.
//   node bench/face_detector_size.mjs [--step 6] [--sizes 64,96,144] [--json FILE]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { loadCore } from '../tools/core_module.mjs';
import { SHARED_DATA } from '../tools/shared_data.mjs';
import { composeFrame, decodeFace, H, rgbaOf, W } from '../tests/support/face_video.mjs';
import { LABELS as CLASSES } from '../tools/classify.mjs';
import { createFaceRunner } from './face_frame.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: {
  step: { type: 'string', default: '6' }, sizes: { type: 'string', default: '64,96,144' }, json: { type: 'string' },
} });
const step = Number(values.step);
const sizes = values.sizes.split(',').map(Number);
const SETTINGS = [{ name: '320x256 (scale 1)', w: 320, h: 256 }, { name: '288x224 (scale 0.9)', w: 288, h: 224 },
  { name: '256x192 (scale 0.8)', w: 256, h: 192 }];

// PublicTest JPEGs from the shared archive (extracted once under build/, never committed).
const shared = SHARED_DATA;
const valDir = join(root, 'build', 'bench-data', 'fer2013', 'val');
const countFiles = () => (existsSync(valDir) ? CLASSES.reduce((n, c) => n + (existsSync(join(valDir, c)) ? readdirSync(join(valDir, c)).length : 0), 0) : 0);
if (countFiles() < 3589) {  // face_bench.mjs extracts a single face there
  const archive = join(shared, 'fer2013', 'fer2013-train-val.tar.gz');
  if (!existsSync(archive)) { console.log(`skipped: ${archive} not found`); process.exit(0); }
  mkdirSync(join(root, 'build', 'bench-data'), { recursive: true });
  execFileSync('tar', ['-xzf', archive, '-C', join(root, 'build', 'bench-data'), 'fer2013/val']);
}
const faces = CLASSES.flatMap((label) => readdirSync(join(valDir, label)).sort().map((f) => ({ path: join(valDir, label, f), label })))
  .sort((a, b) => (a.path < b.path ? -1 : 1)).filter((_, i) => i % step === 0);

const require = createRequire(import.meta.url);
const ort = require('onnxruntime-web');
ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';
const core = await loadCore();
const runner = createFaceRunner(core, ort);
const detector = await ort.InferenceSession.create(readFileSync(join(root, 'third_party', 'models', 'yunet_n_dynamic.onnx')));
const classifier = await ort.InferenceSession.create(readFileSync(join(root, 'models', 'face_emotion.onnx')));
const argmax = (p) => p.indexOf(Math.max(...p));

// A lit-wall gradient; each frame is a copy with the face (composeFrame: bilinear enlargement to `size`
// px) at a place that varies per face.
const wall = new Uint8Array(W * H * 3);
for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
  const v = 150 - (y * 50) / H + (x * 20) / W;
  wall.set([v + 10, v, v - 15], (y * W + x) * 3);
}
function frameWith(face, size, index) {
  const left = Math.round(((index * 37) % 100) / 100 * (W - size)), top = Math.round(((index * 61) % 100) / 100 * (H - size));
  return rgbaOf(composeFrame(face, left, top, size, wall.slice()));
}

const results = sizes.map((size) => ({ size, cropCorrect: 0, settings: SETTINGS.map(() => ({ found: 0, correct: 0, sameAsFirst: 0 })) }));
for (const [index, face] of faces.entries()) {
  const image = decodeFace(core, face.path);  // the core now holds the image: cropWhole classifies it
  const cropLabel = argmax(Array.from(await runner.cropWhole(classifier)));
  const truth = CLASSES.indexOf(face.label);
  for (const r of results) {
    r.cropCorrect += cropLabel === truth ? 1 : 0;
    const frame = frameWith(image, r.size, index);
    const labels = [];
    for (const [k, s] of SETTINGS.entries()) {
      if (!core._attune_face_configure(s.w, s.h, 1)) throw new Error(core.UTF8ToString(core._attune_last_error()));
      runner.setFrame(frame, W, H, { newImage: true });
      const f = await runner.frame(detector, classifier);
      const label = f.found ? argmax(Array.from(f.probs)) : -1;
      labels.push(label);
      r.settings[k].sameAsFirst += label === labels[0] ? 1 : 0;
      r.settings[k].found += f.found ? 1 : 0;
      r.settings[k].correct += label === truth ? 1 : 0;
    }
  }
}

const pct = (k) => `${((100 * k) / faces.length).toFixed(1)}%`;
console.log(`Detector input size vs quality: ${faces.length} PublicTest faces (every ${step}th in name order) on a ${W}x${H} frame`);
console.log('| face size | setting | faces found | accuracy (no face = wrong) | crop-only accuracy | same reading as 320x256 |');
console.log('|---:|---|---:|---:|---:|---:|');
for (const r of results) for (const [k, s] of SETTINGS.entries()) {
  console.log(`| ${r.size} px | ${s.name} | ${pct(r.settings[k].found)} | ${pct(r.settings[k].correct)} | ${pct(r.cropCorrect)} | ${pct(r.settings[k].sameAsFirst)} |`);
}
if (values.json) writeFileSync(values.json, JSON.stringify({ faces: faces.length, step, settings: SETTINGS, results }, null, 1));
