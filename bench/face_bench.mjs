// Face pipeline cost per camera frame in wasm, single thread (the browser's core code and ONNX
// Runtime Web, run in Node), with each stage's share: detector input, detector inference, decoding +
// tracking + alignment + crop, expression inference. Prints figures; never fails on speed.
//   node bench/face_bench.mjs [--frames 100] [--model models/face_emotion.onnx] [--json FILE]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { loadCore } from '../tests/support/core_module.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: {
  frames: { type: 'string', default: '100' }, json: { type: 'string' },
  model: { type: 'string', default: join(root, 'models', 'face_emotion.onnx') },
} });
const frames = Number(values.frames);

const require = createRequire(import.meta.url);
const ort = require('onnxruntime-web');
ort.env.wasm.numThreads = 1;
const core = await loadCore();
const detector = await ort.InferenceSession.create(readFileSync(join(root, 'third_party', 'models', 'yunet_n_320_320.onnx')));
const classifier = existsSync(values.model) ? await ort.InferenceSession.create(readFileSync(values.model)) : null;

// The frame: a FER2013 PublicTest face (from ../shared/data, never committed) enlarged to 150 px on a
// 320x240 background, like a person at a webcam; without the data, a flat frame (no face).
function benchFrame() {
  const W = 320, H = 240, frame = new Uint8Array(W * H * 4);
  for (let i = 0; i < W * H; i++) frame.set([130, 110, 90, 255], i * 4);
  const archive = join(root, '..', 'shared', 'data', 'fer2013', 'fer2013-train-val.tar.gz');
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

const S = 320;
const inputPtr = core._malloc(3 * S * S * 4), cropPtr = core._malloc(48 * 48 * 4), boxPtr = core._malloc(16);
const names = {};
const stage = { input: [], detector: [], decode_align_crop: [], expression: [] };
let faces = 0;
for (let i = 0; i < frames + 5; i++) {
  const t0 = performance.now();
  core._attune_face_detector_input(inputPtr);
  const input = new ort.Tensor('float32', core.HEAPF32.slice(inputPtr >> 2, (inputPtr >> 2) + 3 * S * S), [1, 3, S, S]);
  const t1 = performance.now();
  const outputs = await detector.run({ input });
  const t2 = performance.now();
  for (const [name, tensor] of Object.entries(outputs)) {
    const ptr = core._malloc(tensor.data.byteLength);
    core.HEAPF32.set(tensor.data, ptr >> 2);
    names[name] ||= (() => { const b = Buffer.from(name + '\0'); const p = core._malloc(b.length); core.HEAPU8.set(b, p); return p; })();
    core._attune_face_detector_output(names[name], ptr, tensor.data.length);
    core._free(ptr);
  }
  const found = core._attune_face_process(cropPtr, boxPtr);
  const t3 = performance.now();
  if (found && classifier) await classifier.run({ input: new ort.Tensor('float32', core.HEAPF32.slice(cropPtr >> 2, (cropPtr >> 2) + 2304), [1, 1, 48, 48]) });
  const t4 = performance.now();
  if (i < 5) continue;  // warm-up
  faces += found ? 1 : 0;
  stage.input.push(t1 - t0); stage.detector.push(t2 - t1); stage.decode_align_crop.push(t3 - t2); stage.expression.push(t4 - t3);
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const result = { frames, faces_found: faces, expression_model: classifier ? values.model : null, stages_ms_median: {} };
let total = 0;
for (const [k, v] of Object.entries(stage)) { result.stages_ms_median[k] = +median(v).toFixed(2); total += median(v); }
result.total_ms_median = +total.toFixed(2);
console.log(`face pipeline per frame in wasm, 1 thread, median of ${frames} frames (face found in ${faces}):`);
for (const [k, v] of Object.entries(result.stages_ms_median)) console.log(`  ${k.padEnd(18)} ${String(v).padStart(7)} ms  ${(100 * v / total).toFixed(0).padStart(3)}%`);
console.log(`  ${'total'.padEnd(18)} ${String(result.total_ms_median).padStart(7)} ms`);
if (!classifier) console.log('  (no expression model at ' + values.model + ': that stage is not measured)');
if (values.json) writeFileSync(values.json, JSON.stringify(result, null, 2));
