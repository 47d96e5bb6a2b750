// Runs models/voice_emotion.onnx with ONNX Runtime Web (wasm, 1 thread) in Node on the windows that
// export.py saved with torch's outputs (build/voice/onnx_check.json); prints the largest difference and
// the mean inference time per window (batch 1).
//   node training/voice/check_onnx.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const check = JSON.parse(fs.readFileSync(path.join(root, 'build/voice/onnx_check.json'), 'utf8'));
ort.env.wasm.numThreads = 1;
const session = await ort.InferenceSession.create(fs.readFileSync(path.join(root, 'models/voice_emotion.onnx')));
const [n, , mels, frames] = check.shape_logmel;
const dim = check.shape_stats[1];
let worst = 0, agree = 0;
const runs = [];
for (let rep = 0; rep < 20; ++rep) {
  for (let i = 0; i < n; ++i) {
    const logmel = new ort.Tensor('float32', Float32Array.from(check.logmel.slice(i * mels * frames, (i + 1) * mels * frames)), [1, 1, mels, frames]);
    const stats = new ort.Tensor('float32', Float32Array.from(check.stats.slice(i * dim, (i + 1) * dim)), [1, dim]);
    const t0 = performance.now();
    const out = await session.run({ logmel, stats });
    runs.push(performance.now() - t0);
    if (rep > 0) continue;
    const p = out.probs.data;
    const ref = check.probs.slice(i * 7, (i + 1) * 7);
    for (let k = 0; k < 7; ++k) worst = Math.max(worst, Math.abs(p[k] - ref[k]));
    const am = (a) => a.indexOf(Math.max(...a));
    agree += am(Array.from(p)) === am(ref) ? 1 : 0;
  }
}
runs.splice(0, n);  // first pass includes warm-up
runs.sort((a, b) => a - b);
console.log(JSON.stringify({ windows: n, max_abs_diff: worst, argmax_agree: `${agree}/${n}`,
  median_ms: runs[runs.length >> 1], mean_ms: runs.reduce((a, b) => a + b, 0) / runs.length }));
