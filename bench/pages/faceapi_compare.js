// The page side of bench/faceapi_compare.mjs: loads both pipelines, then window.benchFrames() and
// window.benchCrops() time and score them on what the Node side serves (frames, FER2013 crops).
import * as faceapi from '/node_modules/@vladmandic/face-api/dist/face-api.esm.js';
import { configureFacePipeline, createFaceRunner, STAGES } from '/bench/face_frame.mjs';

// face-api's expression names -> ours (src/core/emotion_labels.h order).
export const FACEAPI_TO_OURS = { angry: 'angry', disgusted: 'disgust', fearful: 'fear', happy: 'happy', sad: 'sad', surprised: 'surprise', neutral: 'neutral' };
const OURS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];  // tools/classify.mjs LABELS (a page script: no import)

// Threads for both (?threads=N): more than one needs a cross-origin isolated page (SharedArrayBuffer).
const threads = Number(new URLSearchParams(location.search).get('threads') || 1);
const ort = window.ort;
ort.env.wasm.numThreads = threads;
ort.env.wasm.wasmPaths = '/node_modules/onnxruntime-web/dist/';
ort.env.logLevel = 'error';
const wasmBinary = await (await fetch('/build/wasm/attune_core.wasm')).arrayBuffer();
const core = await window.createAttuneCore({ wasmBinary });
const runner = createFaceRunner(core, ort);
const sessions = {
  detector: await ort.InferenceSession.create('/third_party/models/face_detector.onnx'),
  classifier: await ort.InferenceSession.create('/models/face_emotion.onnx'),
};
// face-api's bundle carries tfjs 4.22.0 with its wasm backend; the binaries come from the matching
// @tensorflow/tfjs-backend-wasm (SIMD; its threaded build when the page is cross-origin isolated).
faceapi.tf.setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
faceapi.tf.setThreadsCount(threads);
const MODEL = '/node_modules/@vladmandic/face-api/model';
await faceapi.nets.tinyFaceDetector.loadFromUri(MODEL);
await faceapi.nets.faceExpressionNet.loadFromUri(MODEL);

const median = (a) => (a.length ? [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] : null);
// Median of each timed round: shows whether a side had settled (see WARM-UP).
const roundMedians = (times, perRound) => Array.from({ length: Math.ceil(times.length / perRound) }, (_, r) => +median(times.slice(r * perRound, (r + 1) * perRound)).toFixed(2));
const argmax = (values) => values.reduce((best, v, i) => (v > values[best] ? i : best), 0);

// Frames (RGBA, width x height each, concatenated at framesUrl): per-frame time of
//  ours: detector every frame (like face-api) and the app's setting (detect_every 2), both at the app's
//  detector size (256x192);
//  face-api: tinyFaceDetector + faceExpressionNet on the best face, per tfjs backend and detector input
//  size (keys "wasm@224").
//
// WARM-UP: each setting first runs untimed rounds of all frames until 5 s have passed (at least one
// round; face-api on its slow backends: one). Browsers compile wasm in tiers (a quick baseline first,
// optimised code for hot functions later, in the background), and tfjs builds its kernels on first use,
// so both sides run slower for dozens of frames. Measured round by round after one warm-up round
// (24 frames): ours 17.0, 15.9, then 12.9-14.1 ms; face-api 34.6, 28.0, then 25.6-28.2 ms. A live app
// runs for minutes, so the settled figures are compared; each setting's round medians are in the JSON
// (round_medians_ms) to show that it had settled.
//
// INTERLEAVED: the machine's speed drifts from minute to minute (shared cores), so ours and face-api on
// wasm, the pair the ratios compare, take turns round by round. Other tfjs backends (seconds per round,
// and switching backends rebuilds tfjs state) run afterwards, one after another.
const WARM_UP_MS = 5000;

window.benchFrames = async ({ framesUrl, width, height, count, rounds, backends, inputSizes }) => {
  const all = new Uint8Array(await (await fetch(framesUrl)).arrayBuffer());
  const frames = Array.from({ length: count }, (_, i) => all.subarray(i * width * height * 4, (i + 1) * width * height * 4));
  const canvases = frames.map((rgba) => {
    const c = document.createElement('canvas');
    c.width = width; c.height = height;
    c.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
    return c;
  });

  // A setting: `begin` before each round (ours: a fresh pipeline), `step` times one frame and returns
  // { ms, found, label, detected?, stages? }; `record` collects the timed rounds.
  const ourSetting = (every) => ({
    key: `detect_every_${every}`, side: 'ours', begin: () => configureFacePipeline(core, { every }),
    step: async (i) => {
      const t0 = performance.now();
      runner.setFrame(frames[i], width, height);
      const f = await runner.frame(sessions.detector, sessions.classifier);
      return { ms: performance.now() - t0, found: f.found, label: f.probs ? OURS[argmax(f.probs)] : null, detected: f.detected, stages: f, mirrored: f.mirrored };
    },
  });
  const faceapiSetting = (backend, inputSize) => {
    const options = new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: 0.5 });
    const setting = {
      key: `${backend}@${inputSize}`, side: 'faceapi', inputSize, begin: () => { setting.backend = faceapi.tf.getBackend(); },
      step: async (i) => {
        const t0 = performance.now();
        const face = await faceapi.detectSingleFace(canvases[i], options).withFaceExpressions();
        const ms = performance.now() - t0;
        return { ms, found: !!face, label: face ? FACEAPI_TO_OURS[Object.entries(face.expressions).sort((a, b) => b[1] - a[1])[0][0]] : null };
      },
    };
    return setting;
  };
  const record = new Map();
  const runRound = async (setting, timed) => {
    setting.begin();
    for (let i = 0; i < frames.length; i++) {
      const s = await setting.step(i);
      if (!timed) continue;
      const r = record.get(setting) || record.set(setting, { times: [], detection: [], tracked: [], stages: Object.fromEntries(STAGES.map((k) => [k, []])), labels: [], found: 0, mirrored: 0 }).get(setting);
      r.times.push(s.ms);
      (s.detected === false ? r.tracked : r.detection).push(s.ms);
      if (s.detected) for (const k of STAGES) r.stages[k].push(s.stages[k]);
      r.found += s.found ? 1 : 0;
      r.mirrored += s.mirrored ? 1 : 0;
      if (r.labels.length < frames.length) r.labels.push(s.label);
    }
  };
  const warmUp = async (setting) => {
    const start = performance.now();
    do await runRound(setting, false); while (performance.now() - start < WARM_UP_MS);
  };
  const runTogether = async (settings) => {
    for (const setting of settings) await warmUp(setting);
    for (let r = 0; r < rounds; r++) for (const setting of settings) await runRound(setting, true);
  };

  const result = { ours: {}, faceapi: {} };
  const useBackend = async (backend) => (await faceapi.tf.setBackend(backend).catch(() => false)) && (await faceapi.tf.ready(), true);
  const ordered = [...backends].sort((a, b) => (b === 'wasm') - (a === 'wasm'));  // wasm first: it runs beside ours
  for (const backend of ordered) {
    if (!(await useBackend(backend))) {
      for (const inputSize of inputSizes) result.faceapi[`${backend}@${inputSize}`] = { error: `tfjs backend ${backend} unavailable` };
      continue;
    }
    const theirs = inputSizes.map((size) => faceapiSetting(backend, size));
    if (backend === 'wasm') await runTogether([ourSetting(1), ourSetting(2), ...theirs]);
    else for (const setting of theirs) await runTogether([setting]);
  }
  if (!ordered.includes('wasm')) await runTogether([ourSetting(1), ourSetting(2)]);

  for (const [setting, r] of record) {
    const common = { ms_per_frame_mean: r.times.reduce((a, b) => a + b, 0) / r.times.length, ms_per_frame_median: median(r.times),
      frames: r.times.length, faces_found: r.found, labels: r.labels, round_medians_ms: roundMedians(r.times, frames.length) };
    if (setting.side === 'faceapi') {
      result.faceapi[setting.key] = { backend: setting.backend, input_size: setting.inputSize, ...common };
      continue;
    }
    result.ours[setting.key] = {
      ...common,
      // Per frame over a run of this setting, robust to a pause: each kind of frame's median, weighted by its share.
      ms_per_frame_amortised: (median(r.detection) * r.detection.length + (r.tracked.length ? median(r.tracked) * r.tracked.length : 0)) / r.times.length,
      crops_mirrored: r.mirrored,  // of faces_found: crops that went with their mirror image (src/core/flip_tta.h)
      detection_frames: r.detection.length, ms_detection_frame_median: median(r.detection), ms_tracked_frame_median: median(r.tracked),
      detection_frame_stages_ms_median: Object.fromEntries(STAGES.map((k) => [k, median(r.stages[k])])),
    };
  }
  return result;
};

// FER2013 crops (48x48 gray JPEGs) with their labels: accuracy of both with detection skipped.
// Ours: the crop's 48x48 gray levels / 255 (attune_face_crop_whole, as tools/classify.mjs --no-detect).
// face-api: the crop drawn on a 48x48 canvas (gray into R = G = B) and given to faceExpressionNet,
// which resizes its input itself (tf.image.resizeBilinear to 112x112, the net's input size).
window.benchCrops = async ({ crops, backend }) => {  // backend: a tfjs backend name
  await faceapi.tf.setBackend(backend);
  await faceapi.tf.ready();
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 48;
  const context = canvas.getContext('2d');
  let oursCorrect = 0, theirsCorrect = 0, n = 0;
  const confusion = { ours: {}, faceapi: {} };
  for (const { url, label } of crops) {
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    if (!runner.loadImage(bytes)) throw new Error(`cannot decode ${url}`);
    const probs = await runner.cropWhole(sessions.classifier);
    const ours = OURS[argmax(probs)];
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
    context.drawImage(bitmap, 0, 0, 48, 48);
    const expressions = await faceapi.nets.faceExpressionNet.predictExpressions(canvas);
    const theirs = FACEAPI_TO_OURS[Object.entries(expressions).sort((a, b) => b[1] - a[1])[0][0]];
    n++;
    oursCorrect += ours === label;
    theirsCorrect += theirs === label;
    for (const [who, predicted] of [['ours', ours], ['faceapi', theirs]]) {
      confusion[who][label] ||= Object.fromEntries(OURS.map((l) => [l, 0]));
      confusion[who][label][predicted]++;
    }
  }
  return { n, accuracy_ours: oursCorrect / n, accuracy_faceapi: theirsCorrect / n, confusion };
};

window.benchSetting = { threads, crossOriginIsolated: window.crossOriginIsolated, ortThreads: ort.env.wasm.numThreads };
window.benchReady = true;
