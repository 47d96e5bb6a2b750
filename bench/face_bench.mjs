// Face pipeline cost per camera frame in wasm, single thread (the browser's core code and ONNX
// Runtime Web, run in Node), with each stage's share: detector input, detector inference, decoding +
// tracking + alignment + crop, expression inference. Prints figures; never fails on speed.
//   node bench/face_bench.mjs [--rounds 60] [--model models/face_emotion.onnx] [--core build/X/attune_core.js] [--json FILE]
//
// Several settings are measured in one run, interleaved (one detect-every cycle of each per round), so
// that their ratios hold on a noisy shared machine:
//   before        YuNet 320x320 export, frame letterboxed into 320x320, detector on every frame
//   320x256       the dynamic YuNet at 320x256: the 320x240 frame at scale 1
//   320x256 / 2   the same, detector on every other frame, the frame between cropped at the tracked face
//   ... mirror    the expression model's mirror pass (flip TTA) on every crop, as before 2026-12-02, or
//                 on none; the others run it as the app does (src/core/flip_tta.h: new faces, uncertain readings)
//   256x192       the frame scaled by 0.8 (fewer pixels, smaller faces), every frame and every 2nd frame
//                 (what the app runs: live_face_pipeline_config() in src/core/vision/face_pipeline.h)
// For each: the cost of a frame with detection, of a frame without (tracked crop), and the amortised
// cost per frame over a cycle (detection frame + the tracked ones) / cycle length. Each cycle starts
// with a new face, so its first crop (the detection frame's) always goes with its mirror image.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { DETECTOR_PATH } from '../tools/classify.mjs';
import { loadCore } from '../tools/core_module.mjs';
import { SHARED_DATA } from '../tools/shared_data.mjs';
import { configureFacePipeline, createFaceRunner, STAGES } from './face_frame.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: {
  rounds: { type: 'string', default: '60' }, json: { type: 'string' },
  model: { type: 'string', default: join(root, 'models', 'face_emotion.onnx') },
  core: { type: 'string' },  // another build's attune_core.js (e.g. other compiler flags)
} });
const rounds = Number(values.rounds);
const shared = SHARED_DATA;

const require = createRequire(import.meta.url);
const ort = require('onnxruntime-web');
ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';
const core = await loadCore(values.core);

// The former detector (same weights, fixed 320x320 graph); setup no longer fetches it.
const fixedPath = [join(root, 'third_party', 'models', 'yunet_n_320_320.onnx'), join(shared, 'facedet', 'yunet', 'yunet_n_320_320.onnx')].find(existsSync);
const sessions = {};
const session = async (path) => (sessions[path] ||= await ort.InferenceSession.create(readFileSync(path)));
const classifierPath = existsSync(values.model) ? values.model : null;

const settings = [
  { name: 'before: 320x320 letterbox, every frame', detector: fixedPath || DETECTOR_PATH, w: 320, h: 320, every: 1, model: classifierPath },
  { name: '(a) 320x256, every frame', detector: DETECTOR_PATH, w: 320, h: 256, every: 1, model: classifierPath },
  { name: '(a+b) 320x256, detect every 2nd frame', detector: DETECTOR_PATH, w: 320, h: 256, every: 2, model: classifierPath },
  { name: '(d) 256x192 (frame x0.8), every frame', detector: DETECTOR_PATH, w: 256, h: 192, every: 1, model: classifierPath },
  { name: '(b+d) 256x192, every 2nd, mirror on every crop', detector: DETECTOR_PATH, w: 256, h: 192, every: 2, model: classifierPath, flip: 'always' },
  { name: '(b+d) 256x192, every 2nd, no mirror pass', detector: DETECTOR_PATH, w: 256, h: 192, every: 2, model: classifierPath, flip: 'never' },
  { name: '(b+d) 256x192 (frame x0.8), detect every 2nd frame', detector: DETECTOR_PATH, w: 256, h: 192, every: 2, model: classifierPath, shipped: true },
];

// The frame: a FER2013 PublicTest face (from ../shared/data, never committed) enlarged to 150 px on a
// 320x240 background, like a person at a webcam; without the data, a flat frame (no face).
function benchFrame() {
  const W = 320, H = 240, frame = new Uint8Array(W * H * 4);
  for (let i = 0; i < W * H; i++) frame.set([130, 110, 90, 255], i * 4);
  const archive = join(shared, 'fer2013', 'fer2013-train-val.tar.gz');
  const member = 'fer2013/val/happy/PublicTest_10248771.jpg';
  const dir = join(root, 'build', 'bench-data');
  if (existsSync(archive)) {
    if (!existsSync(join(dir, member))) { mkdirSync(dir, { recursive: true }); execFileSync('tar', ['-xzf', archive, '-C', dir, member]); }
    const jpeg = readFileSync(join(dir, member));
    const p = core._malloc(jpeg.length);
    core.HEAPU8.set(jpeg, p);
    if (core._attune_image_load(p, jpeg.length)) {
      const w = core._attune_image_width(), h = core._attune_image_height(), px = core._attune_image_pixels();
      const size = 150, left = 85, top = 45;
      for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
        const sx = Math.min(w - 1, Math.floor((x * w) / size)), sy = Math.min(h - 1, Math.floor((y * h) / size));
        frame.set(core.HEAPU8.subarray(px + (sy * w + sx) * 4, px + (sy * w + sx) * 4 + 4), ((top + y) * W + left + x) * 4);
      }
    }
    core._free(p);
  }
  const ptr = core._malloc(frame.length);
  core.HEAPU8.set(frame, ptr);
  core._attune_image_set_rgba(ptr, W, H);
  core._free(ptr);
}
benchFrame();

for (const s of settings) {
  s.flip ||= 'when-needed';
  s.runner = createFaceRunner(core, ort, { flip: s.flip });
  s.sessions = [await session(s.detector), s.model ? await session(s.model) : null];
  s.mirrored = 0; s.classified = 0;
  s.detectionFrames = []; s.trackedFrames = []; s.faces = 0; s.frames = 0; s.cpuMicros = 0;
}
for (let round = -3; round < rounds; round++) {  // 3 warm-up rounds
  for (const s of settings) {
    configureFacePipeline(core, { w: s.w, h: s.h, every: s.every });
    // The process's CPU time over the cycle as well: on a shared machine wall time includes waiting
    // for a core, CPU time does not (it does include V8's helper threads: an upper bound).
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < Math.max(2, s.every); i++) {  // one cycle from a fresh track (2 frames at least)
      const f = await s.runner.frame(...s.sessions);
      if (round < 0) continue;
      if (f.probs) { s.classified++; s.mirrored += f.mirrored ? 1 : 0; }
      (f.detected ? s.detectionFrames : s.trackedFrames).push(f);
      s.frames++; s.faces += f.found ? 1 : 0;
    }
    const cpu = process.cpuUsage(cpu0);
    if (round >= 0) s.cpuMicros += cpu.user + cpu.system;
  }
}

const median = (a) => (a.length ? [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] : 0);
const round2 = (v) => +v.toFixed(2);
const results = settings.map((s) => {
  const stages = Object.fromEntries(STAGES.map((k) => [k, round2(median(s.detectionFrames.map((f) => f[k])))]));
  const detectionMs = STAGES.reduce((sum, k) => sum + median(s.detectionFrames.map((f) => f[k])), 0);
  const trackedMs = median(s.trackedFrames.map((f) => f.decode_align_crop + f.expression));
  return {
    setting: s.name, detector_model: s.detector.split('/').pop(), detector_input: [s.w, s.h], detect_every: s.every,
    expression_model: s.model ? s.model.split('/').pop() : null, shipped: !!s.shipped,
    mirror_pass: s.flip, crops_mirrored: s.classified ? round2(s.mirrored / s.classified) : null,
    frames: s.frames, faces_found: s.faces,
    detection_frame_stages_ms_median: stages,
    detection_frame_ms: round2(detectionMs),
    tracked_frame_ms: s.every > 1 ? round2(trackedMs) : null,
    amortised_ms_per_frame: round2((detectionMs + (s.every - 1) * trackedMs) / s.every),
    cpu_ms_per_frame_mean: round2(s.cpuMicros / 1000 / s.frames),
  };
});

console.log(`face pipeline per frame in wasm, 1 thread, ${rounds} rounds (medians; settings interleaved)`);
console.log('| setting | input | detector | decode+align+crop | expression | frame with detection | frame tracked | amortised per frame | vs before | CPU time per frame (mean) | crops mirrored |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
const before = results[0].amortised_ms_per_frame;
for (const r of results) {
  const st = r.detection_frame_stages_ms_median, total = r.detection_frame_ms;
  const share = (k) => `${st[k]} (${(100 * st[k] / total).toFixed(0)}%)`;
  console.log(`| ${r.setting}${r.shipped ? ' **app**' : ''} | ${share('input')} | ${share('detector')} | ${share('decode_align_crop')} | ${share('expression')} | ${total} | ${r.tracked_frame_ms ?? '-'} | ${r.amortised_ms_per_frame} | ${(r.amortised_ms_per_frame / before).toFixed(2)} | ${r.cpu_ms_per_frame_mean} | ${r.crops_mirrored ?? '-'} |`);
}
if (!fixedPath) console.log('(the 320x320 export is not on this machine: "before" runs the dynamic export, same weights, at 320x320)');
if (!classifierPath) console.log('(no expression model at ' + values.model + ': that stage is not measured)');
for (const r of results) if (r.faces_found < r.frames) console.log(`note: ${r.setting}: a face in ${r.faces_found} of ${r.frames} frames`);

const shipped = results.find((r) => r.shipped);
const summary = {
  machine: `${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, node ${process.version}`, date: new Date().toISOString(), load_average_1_5_15: loadavg().map((v) => +v.toFixed(2)),
  rounds, settings: results,
  // The app's setting, in the shape the earlier version of this file had.
  frames: shipped.frames, faces_found: shipped.faces_found, expression_model: shipped.expression_model,
  stages_ms_median: shipped.detection_frame_stages_ms_median, total_ms_median: shipped.detection_frame_ms,
  amortised_ms_per_frame: shipped.amortised_ms_per_frame, cpu_ms_per_frame_mean: shipped.cpu_ms_per_frame_mean,
};
if (values.json) writeFileSync(values.json, JSON.stringify(summary, null, 2));
