// Voice path cost in wasm, single thread (the browser's core code and ONNX Runtime Web, run in
// Node): feature extraction and inference per 3 s analysis window, and the real-time factor of the
// live path (one window per 1 s hop). Prints figures; never fails on speed.
//   node bench/voice_bench.mjs [FILE.wav] [--windows 60] [--core build/X/attune_core.js] [--json FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { loadCore } from '../tools/core_module.mjs';
import { writeWav } from '../tests/support/fake_media.mjs';
import { ravdessClip } from '../tests/support/ravdess.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values, positionals } = parseArgs({ allowPositionals: true, options: { windows: { type: 'string', default: '60' }, json: { type: 'string' }, core: { type: 'string' } } });
const windows = Number(values.windows);

// Without a file: 20 RAVDESS clips (actor 01, all emotions) back to back, from ../shared/data, so that
// every window holds speech (the VAD gates the costly pitch analysis); without the data, a synthetic
// voiced signal, which the VAD may reject (then the figures are those of "no speech" windows).
let file = positionals[0];
if (!file) {
  const clips = [];
  for (const emotion of ['01', '02', '03', '04', '05', '06', '07', '08'])
    for (const statement of ['01', '02']) {
      const clip = ravdessClip(`Actor_01/03-01-${emotion}-01-${statement}-01-01.wav`, join(root, 'build', 'bench-data'));
      if (clip) clips.push(clip);
    }
  if (clips.length) {
    // RAVDESS here is 16 kHz mono 16-bit PCM: concatenate the data chunks.
    const parts = clips.map((c) => {
      const b = readFileSync(c);
      const at = b.indexOf('data', 12);
      const pcm = b.subarray(at + 8, at + 8 + b.readUInt32LE(at + 4));
      return Float32Array.from({ length: pcm.length / 2 }, (_, i) => pcm.readInt16LE(i * 2) / 32768);
    });
    const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const p of parts) { all.set(p, offset); offset += p.length; }
    file = join(root, 'build', 'bench-voice-ravdess.wav');
    writeWav(file, all, 16000);
  }
}
if (!file) {
  console.log('(no RAVDESS data: using a synthetic signal, which the VAD may treat as no speech)');
  const rate = 48000, seconds = 80;  // long enough for the streaming windows below
  const samples = new Float32Array(rate * seconds);
  for (let i = 0; i < samples.length; i++) {
    const t = i / rate, f0 = 140 + 20 * Math.sin(2 * Math.PI * 0.7 * t);
    const envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * t) ** 2;
    let v = 0;
    for (let h = 1; h <= 12; h++) v += Math.sin(2 * Math.PI * f0 * h * t) / h;
    samples[i] = 0.08 * envelope * v;
  }
  file = join(root, 'build', 'bench-voice.wav');
  writeWav(file, samples, rate);
}

const require = createRequire(import.meta.url);
const ort = require('onnxruntime-web');
ort.env.wasm.numThreads = 1;
const core = await loadCore(values.core);  // --core: another build's attune_core.js
const session = await ort.InferenceSession.create(readFileSync(join(root, 'models', 'voice_emotion.onnx')));

const bytes = readFileSync(file);
const wav = core._malloc(bytes.length);
core.HEAPU8.set(bytes, wav);
const count = core._attune_voice_load(wav, bytes.length, 16000);
core._free(wav);
if (count < 1) throw new Error('could not load ' + file);
const mels = core._attune_voice_mels(), frames = core._attune_voice_frames(), statsDim = core._attune_voice_stats_dim();
const logmelPtr = core._malloc(mels * frames * 4), statsPtr = core._malloc(statsDim * 4);

// Feature stages of the last window as the extractor timed them (frames, VAD + pitch, summary);
// absent from core modules built before the export existed (then no stage split is printed).
const stagePtr = core._malloc(3 * 8);
const stageNames = ['frames', 'pitch', 'summary'];
const stages = () => (core._attune_voice_stage_ms ? (core._attune_voice_stage_ms(stagePtr), [...core.HEAPF64.subarray(stagePtr >> 3, (stagePtr >> 3) + 3)]) : null);
const streamStages = [], windowStages = [];

// Live path: windows 1 s apart through extract_stream (reuses 2 of the 3 seconds' frames).
const streamMs = [];
for (let i = 0; i < windows + 5; i++) {
  const t0 = performance.now();
  if (core._attune_voice_stream_window(i * 16000, logmelPtr, statsPtr) < 0) break;
  if (i >= 5) { streamMs.push(performance.now() - t0); streamStages.push(stages()); }
}

const infer = () => session.run({
  logmel: new ort.Tensor('float32', core.HEAPF32.slice(logmelPtr >> 2, (logmelPtr >> 2) + mels * frames), [1, 1, mels, frames]),
  stats: new ort.Tensor('float32', core.HEAPF32.slice(statsPtr >> 2, (statsPtr >> 2) + statsDim), [1, statsDim]),
});

const featureMs = [], inferenceMs = [];
let speechWindows = 0;
for (let i = 0; i < windows + 5; i++) {
  const t0 = performance.now();
  speechWindows += core._attune_voice_window(i % count, logmelPtr, statsPtr) === 1 && i >= 5 ? 1 : 0;
  const t1 = performance.now();
  await infer();
  const t2 = performance.now();
  if (i >= 5) { featureMs.push(t1 - t0); inferenceMs.push(t2 - t1); windowStages.push(stages()); }  // the first runs warm up
}
// The live path again (features every 1 s hop + inference), timed by this process's CPU time: on a
// shared machine wall time includes waiting for a core, CPU time does not. It does include V8's
// helper threads (GC, compilation), so it is an upper bound of the wasm work itself.
let cpuStart = null, cpuWindows = 0;
for (let i = 0; i < windows + 5; i++) {
  if (i === 5) cpuStart = process.cpuUsage();
  if (core._attune_voice_stream_window(i * 16000, logmelPtr, statsPtr) < 0) break;
  await infer();
  if (i >= 5) cpuWindows++;
}
const cpuUsed = cpuStart && process.cpuUsage(cpuStart);

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const result = {
  file, windows, speech_windows: speechWindows,
  features_ms_median: +median(featureMs).toFixed(2),
  inference_ms_median: +median(inferenceMs).toFixed(2),
};
result.stream_features_ms_median = streamMs.length ? +median(streamMs).toFixed(2) : null;
const stageMedians = (rows) => (rows.length && rows[0] ? Object.fromEntries(stageNames.map((n, k) => [n, +median(rows.map((r) => r[k])).toFixed(2)])) : null);
result.stream_feature_stages_ms_median = stageMedians(streamStages);
result.window_feature_stages_ms_median = stageMedians(windowStages);
result.live_total_ms_median = +((result.stream_features_ms_median ?? result.features_ms_median) + result.inference_ms_median).toFixed(2);
result.real_time_factor = +(result.live_total_ms_median / 1000).toFixed(4);  // per 1 s of new audio (live hop)
result.live_cpu_ms_per_window = cpuWindows ? +((cpuUsed.user + cpuUsed.system) / 1000 / cpuWindows).toFixed(2) : null;
console.log(`voice analysis window (3 s) in wasm, 1 thread, medians of ${windows} (${speechWindows} with speech):`);
console.log(`  features, whole window (files)        ${result.features_ms_median} ms`);
console.log(`  features, live (extract_stream, 1 s hop) ${result.stream_features_ms_median} ms`);
const split = (st) => (st ? `   [${stageNames.map((n) => `${n} ${st[n]}`).join(', ')}]` : '');
console.log(`    stages of the whole window (ms)${split(result.window_feature_stages_ms_median)}`);
console.log(`    stages of the live window (ms) ${split(result.stream_feature_stages_ms_median)}`);
console.log(`  inference                             ${result.inference_ms_median} ms`);
console.log(`  live total                            ${result.live_total_ms_median} ms per 1 s of audio -> real-time factor ${result.real_time_factor}`);
console.log(`  live total, CPU time of this process    ${result.live_cpu_ms_per_window} ms per window (mean of ${cpuWindows}; features + inference)`);
if (values.json) writeFileSync(values.json, JSON.stringify(result, null, 2));
