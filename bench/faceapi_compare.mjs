// Our face pipeline beside @vladmandic/face-api 1.7.15 (tinyFaceDetector + faceExpressionNet), on the
// same frames in the same headless Chromium (tests/support/browser.mjs): per-frame time of each, and
// accuracy on the same FER2013 PublicTest crops with detection skipped. Prints a markdown table and
// writes JSON; never fails on speed.
//   node bench/faceapi_compare.mjs [--crops 700] [--rounds 1] [--backends webgl,cpu] [--json build/bench/faceapi_compare.json]
// (face-api takes seconds per frame here: a round of 24 frames on both backends is about 3 minutes)
//
// How ours runs in the browser: bench/pages/faceapi_compare.html (served from the repository root by
// this script only; not part of dist/) loads the wasm core module (build/wasm/attune_core.js, the
// same src/core code as the app) and ONNX Runtime Web 1 thread, the way tools/classify.mjs does in
// Node, and times bench/face_frame.mjs, the app's order of stages. Driving the real app page instead
// would time the frame loop and rendering around the pipeline, and the app exposes no per-frame
// figure. face-api runs on the tfjs backends its browser bundle carries that work here: webgl (on
// SwiftShader, Chromium's CPU WebGL, as there is no GPU) and cpu (plain JS); its wasm backend needs
// binaries from @tensorflow/tfjs-backend-wasm, which is not installed. The ratio uses face-api's
// faster backend.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { startServer } from '../tools/serve.mjs';
import { launchBrowser } from '../tests/support/browser.mjs';
import { CORE_MODULE_PATH, loadCore } from '../tools/core_module.mjs';
import { composeFrame, decodeFace, FER_ARCHIVE, ferFaces, H, W } from '../tests/support/face_video.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: {
  crops: { type: 'string', default: '700' }, rounds: { type: 'string', default: '1' }, backends: { type: 'string', default: 'webgl,cpu' },
  json: { type: 'string', default: join(root, 'build', 'bench', 'faceapi_compare.json') },
} });
const nCrops = Number(values.crops), rounds = Number(values.rounds);

for (const [path, what] of [[CORE_MODULE_PATH, 'the wasm core module (tools/build.sh)'], [join(root, 'third_party', 'models', 'yunet_n_dynamic.onnx'), 'the face detector (tools/setup.sh)'],
  [join(root, 'node_modules', '@vladmandic', 'face-api', 'model', 'tiny_face_detector_model.bin'), '@vladmandic/face-api (npm ci)']]) {
  if (!existsSync(path)) { console.log(`faceapi_compare: skipped, ${what} is missing (${path})`); process.exit(0); }
}
if (!existsSync(FER_ARCHIVE)) { console.log(`faceapi_compare: skipped, FER2013 is not on this machine (${FER_ARCHIVE})`); process.exit(0); }

// ---- the data: frames with a face (3 PublicTest faces at 8 positions each on a 320x240 background,
// the browser face test's composition) and a deterministic sample of PublicTest crops -----------------
const dataDir = join(root, 'build', 'bench-data');
const benchDir = join(root, 'build', 'bench');
mkdirSync(benchDir, { recursive: true });
const core = await loadCore();
const faces = ferFaces(['fer2013/val/happy/PublicTest_10248771.jpg', 'fer2013/val/surprise/PublicTest_10984020.jpg',
  'fer2013/val/neutral/PublicTest_10594126.jpg'], dataDir).map((file) => decodeFace(core, file));
const positions = [[80, 42], [84, 44], [88, 46], [92, 44], [96, 42], [92, 40], [88, 38], [84, 40]];
const frames = [];
for (const face of faces) for (const [left, top] of positions) {
  const rgb = composeFrame(face, left, top), rgba = new Uint8Array(W * H * 4);
  for (let i = 0; i < W * H; i++) rgba.set([rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2], 255], i * 4);
  frames.push(rgba);
}
const framesFile = join(benchDir, 'faceapi_frames.rgba');
writeFileSync(framesFile, Buffer.concat(frames));

// Every k-th PublicTest image in name order (all classes, their natural proportions).
const listing = join(dataDir, 'fer2013-val-list.txt');
if (!existsSync(listing)) writeFileSync(listing, execFileSync('tar', ['-tzf', FER_ARCHIVE], { maxBuffer: 1 << 26 }));
const all = readFileSync(listing, 'utf8').split('\n').filter((m) => /^fer2013\/val\/[a-z]+\/.+\.jpg$/.test(m)).sort();
const step = Math.max(1, Math.floor(all.length / nCrops));
const members = all.filter((_, i) => i % step === 0).slice(0, nCrops);
ferFaces(members, dataDir);
const crops = members.map((m) => ({ url: '/build/bench-data/' + m, label: m.split('/')[2] }));

// ---- both pipelines in one page ---------------------------------------------------------------------
const { server, url } = await startServer({ root, port: 0, base: '/', quiet: true, csp: false });
const context = await launchBrowser();
let timing, accuracy;
try {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(new URL('bench/pages/faceapi_compare.html', url).href);
  await page.waitForFunction(() => window.benchReady === true || null, null, { timeout: 180000 }).catch(() => {
    throw new Error(`the bench page did not load: ${errors.join('; ')}`);
  });
  timing = await page.evaluate((args) => window.benchFrames(args), {
    framesUrl: '/build/bench/faceapi_frames.rgba', width: W, height: H, count: frames.length, rounds, backends: values.backends.split(','),
  });
  const backends = Object.entries(timing.faceapi).filter(([, r]) => !r.error);
  const fastest = backends.sort((a, b) => a[1].ms_per_frame_median - b[1].ms_per_frame_median)[0][0];
  accuracy = await page.evaluate((args) => window.benchCrops(args), { crops, backend: fastest });
  accuracy.faceapi_backend = fastest;
} finally {
  await context.close();
  server.close();
}

// ---- report -------------------------------------------------------------------------------------------
const oursEvery = timing.ours.detect_every_1, oursApp = timing.ours.detect_every_2;
const [theirBackend, theirs] = Object.entries(timing.faceapi).filter(([, r]) => !r.error).sort((a, b) => a[1].ms_per_frame_median - b[1].ms_per_frame_median)[0];
const r2 = (v) => (v == null ? null : +v.toFixed(2));
const agreement = oursEvery.labels.filter((l, i) => l && l === theirs.labels[i]).length;
const result = {
  machine: `${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, Chromium headless (SwiftShader WebGL), node ${process.version}`,
  date: new Date().toISOString(), load_average_1_5_15: loadavg().map((v) => +v.toFixed(2)),
  n_frames: frames.length * rounds, n_crops: accuracy.n,
  ms_per_frame_ours: r2(oursEvery.ms_per_frame_median),
  ms_per_frame_faceapi: r2(theirs.ms_per_frame_median),
  ratio: r2(oursEvery.ms_per_frame_median / theirs.ms_per_frame_median),
  accuracy_ours: +accuracy.accuracy_ours.toFixed(4), accuracy_faceapi: +accuracy.accuracy_faceapi.toFixed(4),
  ours: 'YuNet n at 256x192 + our 48x48 CNN (flip TTA in the graph), wasm core module + ONNX Runtime Web 1.30 wasm, 1 thread; detector on every frame (as face-api)',
  faceapi: `@vladmandic/face-api 1.7.15, tinyFaceDetector (inputSize 320, score 0.5) + faceExpressionNet, tfjs backend ${theirBackend} (the faster of ${Object.keys(timing.faceapi).join(', ')})`,
  ms_per_frame_ours_app_setting: r2(oursApp.ms_per_frame_median), ms_per_frame_ours_app_setting_mean: r2(oursApp.ms_per_frame_mean),
  ratio_app_setting: r2(oursApp.ms_per_frame_mean / theirs.ms_per_frame_median),
  ours_detection_frame_stages_ms_median: Object.fromEntries(Object.entries(oursEvery.detection_frame_stages_ms_median).map(([k, v]) => [k, r2(v)])),
  faceapi_by_backend: Object.fromEntries(Object.entries(timing.faceapi).map(([b, r]) => [b, r.error ? r : { ms_per_frame_median: r2(r.ms_per_frame_median), faces_found: r.faces_found, frames: r.frames }])),
  faces_found: { ours: oursEvery.faces_found, faceapi: theirs.faces_found, of: frames.length * rounds },
  frame_labels_agree: `${agreement} of ${frames.length}`,
  crops: `FER2013 PublicTest (validation; our model never trained on it), every ${step}th JPEG in name order, 48x48 gray; both without detection. face-api: crop on a 48x48 canvas, its net resizes to 112x112 (bilinear)`,
  crops_faceapi_backend: accuracy.faceapi_backend,
  confusion: accuracy.confusion,
};
writeFileSync(values.json, JSON.stringify(result, null, 2));

console.log(`face pipeline vs face-api in headless Chromium, ${result.n_frames} frames (320x240), ${result.n_crops} FER2013 PublicTest crops`);
console.log('| | ours | face-api | ours / face-api |');
console.log('|---|---|---|---|');
console.log(`| ms per frame, detection on every frame (median) | ${result.ms_per_frame_ours} | ${result.ms_per_frame_faceapi} (${theirBackend}) | ${result.ratio} |`);
console.log(`| ms per frame, ours as the app runs it (detect every 2nd frame; mean) | ${result.ms_per_frame_ours_app_setting_mean} | ${result.ms_per_frame_faceapi} | ${result.ratio_app_setting} |`);
for (const [b, r] of Object.entries(result.faceapi_by_backend)) console.log(`| face-api on ${b} (median) | | ${r.error ?? r.ms_per_frame_median} | |`);
console.log(`| faces found in frames | ${result.faces_found.ours} of ${result.faces_found.of} | ${result.faces_found.faceapi} of ${result.faces_found.of} | |`);
console.log(`| accuracy on PublicTest crops, no detection | ${result.accuracy_ours} | ${result.accuracy_faceapi} | |`);
console.log(`(JSON: ${values.json})`);
