// Our face pipeline beside @vladmandic/face-api 1.7.15 (tinyFaceDetector + faceExpressionNet), on the
// same frames in the same headless Chromium (tests/support/browser.mjs): per-frame time of each, and
// accuracy on the same FER2013 PublicTest crops with detection skipped. Prints a markdown table and
// writes JSON; never fails on speed.
//   node bench/faceapi_compare.mjs [--crops 700] [--rounds 2] [--backends wasm,webgl,cpu] [--faceapi-sizes 224,320]
//                                  [--json build/bench/faceapi_compare.json]
// (face-api on webgl and cpu takes a third of a second to a second per frame here: about 5 minutes in all)
//
// How ours runs in the browser: bench/pages/faceapi_compare.html (served from the repository root by
// this script only; not part of dist/) loads the wasm core module (build/wasm/attune_core.js, the
// same src/core code as the app) and ONNX Runtime Web, the way tools/classify.mjs does in Node, and
// times bench/face_frame.mjs, the app's order of stages. Driving the real app page instead would time
// the frame loop and rendering around the pipeline, and the app exposes no per-frame figure.
// face-api runs on each tfjs backend of its bundle: wasm (SIMD, binaries from
// @tensorflow/tfjs-backend-wasm, its fastest on a CPU), webgl (on SwiftShader, Chromium's CPU WebGL, as
// there is no GPU) and cpu (plain JS), with its detector at each input size. Two pages: one thread each,
// then two threads each in a cross-origin isolated page (wasm only). Ratios are against face-api's
// fastest run that finds as many faces as its best.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { startServer } from '../tools/serve.mjs';
import { launchBrowser } from '../tests/support/browser.mjs';
import { DETECTOR_PATH } from '../tools/classify.mjs';
import { CORE_MODULE_PATH, loadCore } from '../tools/core_module.mjs';
import { composeFrame, decodeFace, FER_ARCHIVE, ferFaces, H, W } from '../tests/support/face_video.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: {
  crops: { type: 'string', default: '700' }, rounds: { type: 'string', default: '2' }, backends: { type: 'string', default: 'wasm,webgl,cpu' },
  'faceapi-sizes': { type: 'string', default: '224,320' },
  json: { type: 'string', default: join(root, 'build', 'bench', 'faceapi_compare.json') },
} });
const nCrops = Number(values.crops), rounds = Number(values.rounds);

for (const [path, what] of [[CORE_MODULE_PATH, 'the wasm core module (tools/build.sh)'], [DETECTOR_PATH, 'the face detector (tools/setup.sh)'],
  [join(root, 'node_modules', '@vladmandic', 'face-api', 'model', 'tiny_face_detector_model.bin'), '@vladmandic/face-api (npm ci)'],
  [join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist', 'tfjs-backend-wasm-simd.wasm'), '@tensorflow/tfjs-backend-wasm (npm ci)']]) {
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

// ---- both pipelines in one page: one thread each, then two threads each in a cross-origin isolated page
async function runPage({ threads, withCrops }) {
  const { server, url } = await startServer({ root, port: 0, base: '/', quiet: true, csp: false, isolate: threads > 1 });
  const context = await launchBrowser();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(new URL(`bench/pages/faceapi_compare.html?threads=${threads}`, url).href);
    await page.waitForFunction(() => window.benchReady === true || null, null, { timeout: 180000 }).catch(() => {
      throw new Error(`the bench page did not load: ${errors.join('; ')}`);
    });
    const setting = await page.evaluate(() => window.benchSetting);
    if (threads > 1 && !setting.crossOriginIsolated) throw new Error('the two-thread page is not cross-origin isolated');
    const timing = await page.evaluate((args) => window.benchFrames(args), {
      framesUrl: '/build/bench/faceapi_frames.rgba', width: W, height: H, count: frames.length, rounds,
      backends: threads > 1 ? ['wasm'] : values.backends.split(','), inputSizes: values['faceapi-sizes'].split(',').map(Number),
    });
    let accuracy = null;
    if (withCrops) {
      accuracy = await page.evaluate((args) => window.benchCrops(args), { crops, backend: fastestOf(timing.faceapi)[1].backend });
      accuracy.faceapi_backend = fastestOf(timing.faceapi)[1].backend;
    }
    return { setting, timing, accuracy };
  } finally {
    await context.close();
    server.close();
  }
}
// face-api's fastest run that finds as many faces as its best run does (a smaller input that misses
// faces is not a fair "fastest").
function fastestOf(faceapiRuns) {
  const ok = Object.entries(faceapiRuns).filter(([, r]) => !r.error);
  const most = Math.max(...ok.map(([, r]) => r.faces_found));
  return ok.filter(([, r]) => r.faces_found === most).sort((a, b) => a[1].ms_per_frame_median - b[1].ms_per_frame_median)[0];
}

const one = await runPage({ threads: 1, withCrops: true });
let two = null;
try { two = await runPage({ threads: 2, withCrops: false }); } catch (error) { two = { error: String(error.message || error) }; }

// ---- report -------------------------------------------------------------------------------------------
const r2 = (v) => (v == null ? null : +v.toFixed(2));
// Ratios of one run: ours per frame with detection (detector every frame) and ours amortised (the app's
// setting, detector every 2nd frame while tracking: the mean over frames) against face-api's fastest.
function compare({ timing }) {
  const oursEvery = timing.ours.detect_every_1, oursApp = timing.ours.detect_every_2;
  const [theirKey, theirs] = fastestOf(timing.faceapi);
  return {
    ours_ms_detection_frame: r2(oursEvery.ms_per_frame_median), ours_ms_amortised: r2(oursApp.ms_per_frame_amortised), ours_ms_tracked_frame: r2(oursApp.ms_tracked_frame_median),
    faceapi: theirKey, faceapi_ms_per_frame: r2(theirs.ms_per_frame_median),
    ours_crops_mirrored: { detection_every_frame: `${oursEvery.crops_mirrored} of ${oursEvery.faces_found}`, app_setting: `${oursApp.crops_mirrored} of ${oursApp.faces_found}` },
    ratio_detection_frame: r2(oursEvery.ms_per_frame_median / theirs.ms_per_frame_median),
    ratio_amortised: r2(oursApp.ms_per_frame_amortised / theirs.ms_per_frame_median),
    // Means count every frame: those whose crop also went mirrored (slower) and any pause.
    ours_ms_detection_frame_mean: r2(oursEvery.ms_per_frame_mean), faceapi_ms_per_frame_mean: r2(theirs.ms_per_frame_mean),
    ratio_detection_frame_of_means: r2(oursEvery.ms_per_frame_mean / theirs.ms_per_frame_mean),
    faces_found: { ours: oursEvery.faces_found, faceapi: theirs.faces_found, of: oursEvery.frames },
    faceapi_runs: Object.fromEntries(Object.entries(timing.faceapi).map(([k, r]) => [k, r.error ? r : { ms_per_frame_median: r2(r.ms_per_frame_median), faces_found: r.faces_found, frames: r.frames, round_medians_ms: r.round_medians_ms }])),
    ours_round_medians_ms: { detection_every_frame: oursEvery.round_medians_ms, app_setting: oursApp.round_medians_ms },
    ours_detection_frame_stages_ms_median: Object.fromEntries(Object.entries(oursEvery.detection_frame_stages_ms_median).map(([k, v]) => [k, r2(v)])),
  };
}
const single = compare(one);
const dual = two.error ? two : compare(two);
const theirs = one.timing.faceapi[single.faceapi];
const agreement = one.timing.ours.detect_every_1.labels.filter((l, i) => l && l === theirs.labels[i]).length;
const result = {
  machine: `${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, Chromium headless (SwiftShader WebGL), node ${process.version}`,
  date: new Date().toISOString(), load_average_1_5_15: loadavg().map((v) => +v.toFixed(2)),
  n_frames: frames.length * rounds, n_crops: one.accuracy.n,
  // The figures of the one-thread run (the fields bench/report.mjs reads), then both runs whole.
  ms_per_frame_ours: single.ours_ms_detection_frame, ms_per_frame_faceapi: single.faceapi_ms_per_frame, ratio: single.ratio_detection_frame,
  ratio_amortised: single.ratio_amortised, ms_per_frame_ours_app_setting: single.ours_ms_amortised,
  accuracy_ours: +one.accuracy.accuracy_ours.toFixed(4), accuracy_faceapi: +one.accuracy.accuracy_faceapi.toFixed(4),
  ours: 'YuNet n at 256x192 + our 48x48 CNN (with its mirror pass for new faces and uncertain readings, src/core/flip_tta.h), wasm core module + ONNX Runtime Web 1.30 wasm',
  faceapi_setup: '@vladmandic/face-api 1.7.15 (tfjs 4.22.0 bundled; wasm binaries from @tensorflow/tfjs-backend-wasm 4.22.0), tinyFaceDetector (score 0.5) + faceExpressionNet; its fastest run among backends and input sizes that finds the most faces',
  one_thread: { page: one.setting, ...single },
  two_threads: two.error ? two : { page: two.setting, ...dual },
  frame_labels_agree: `${agreement} of ${frames.length}`,
  crops: `FER2013 PublicTest (validation; our model never trained on it), every ${step}th JPEG in name order, 48x48 gray; both without detection. face-api: crop on a 48x48 canvas, its net resizes to 112x112 (bilinear)`,
  crops_faceapi_backend: one.accuracy.faceapi_backend,
  confusion: one.accuracy.confusion,
};
writeFileSync(values.json, JSON.stringify(result, null, 2));

console.log(`face pipeline vs face-api in headless Chromium, ${result.n_frames} frames (320x240), ${result.n_crops} FER2013 PublicTest crops`);
console.log('| threads | ours, frame with detection | ours, amortised (app setting) | face-api (fastest) | ratio per detection frame | ratio amortised | faces found, ours / face-api |');
console.log('|---|---:|---:|---|---:|---:|---|');
for (const [label, c] of [['1', result.one_thread], ['2 (cross-origin isolated)', result.two_threads]]) {
  if (c.error) { console.log(`| ${label} | ${c.error} | | | | | |`); continue; }
  console.log(`| ${label} | ${c.ours_ms_detection_frame} ms | ${c.ours_ms_amortised} ms | ${c.faceapi_ms_per_frame} ms (${c.faceapi}) | ${c.ratio_detection_frame} | ${c.ratio_amortised} | ${c.faces_found.ours} / ${c.faces_found.faceapi} of ${c.faces_found.of} |`);
}
for (const [label, c] of [['1', result.one_thread], ['2', result.two_threads]]) {
  if (!c.error) console.log(`${label} thread(s), means per detection frame: ours ${c.ours_ms_detection_frame_mean} ms (${c.ours_crops_mirrored.detection_every_frame} crops with the mirror), face-api ${c.faceapi_ms_per_frame_mean} ms: ratio ${c.ratio_detection_frame_of_means}`);
}
for (const [k, r] of Object.entries(result.one_thread.faceapi_runs)) console.log(`face-api ${k}, 1 thread: ${r.error ?? `${r.ms_per_frame_median} ms, ${r.faces_found} faces`}`);
if (!result.two_threads.error) for (const [k, r] of Object.entries(result.two_threads.faceapi_runs)) console.log(`face-api ${k}, 2 threads: ${r.error ?? `${r.ms_per_frame_median} ms, ${r.faces_found} faces`}`);
console.log(`accuracy on PublicTest crops, no detection: ours ${result.accuracy_ours}, face-api ${result.accuracy_faceapi} (${result.crops_faceapi_backend})`);
console.log(`(JSON: ${values.json})`);
