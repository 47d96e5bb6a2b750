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
const argmax = (values) => values.reduce((best, v, i) => (v > values[best] ? i : best), 0);

// Frames (RGBA, width x height each, concatenated at framesUrl): per-frame time of
//  ours: detector every frame (like face-api) and the app's setting (detect_every 2), both at the app's detector size (256x192);
//  face-api: tinyFaceDetector + faceExpressionNet on the best face, per tfjs backend and detector input
//  size (keys "wasm@224").
window.benchFrames = async ({ framesUrl, width, height, count, rounds, backends, inputSizes }) => {
  const all = new Uint8Array(await (await fetch(framesUrl)).arrayBuffer());
  const frames = Array.from({ length: count }, (_, i) => all.subarray(i * width * height * 4, (i + 1) * width * height * 4));
  const canvases = frames.map((rgba) => {
    const c = document.createElement('canvas');
    c.width = width; c.height = height;
    c.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
    return c;
  });
  const result = { ours: {}, faceapi: {} };
  for (const every of [1, 2]) {
    configureFacePipeline(core, { every });
    const times = [], detectionTimes = [], trackedTimes = [], stages = Object.fromEntries(STAGES.map((k) => [k, []])), labels = [];
    let found = 0;
    for (let r = -1; r < rounds; r++) for (const rgba of r < 0 ? frames.slice(0, 3) : frames) {  // warm-up: 3 frames
      const t0 = performance.now();
      runner.setFrame(rgba, width, height);
      const f = await runner.frame(sessions.detector, sessions.classifier);
      const ms = performance.now() - t0;
      if (r < 0) continue;
      times.push(ms);
      (f.detected ? detectionTimes : trackedTimes).push(ms);
      if (f.detected) for (const k of STAGES) stages[k].push(f[k]);
      found += f.found ? 1 : 0;
      if (r === 0) labels.push(f.probs ? OURS[argmax(f.probs)] : null);
    }
    result.ours[`detect_every_${every}`] = {
      ms_per_frame_mean: times.reduce((a, b) => a + b, 0) / times.length, ms_per_frame_median: median(times),
      // Per frame over a run of this setting, robust to a pause: each kind of frame's median, weighted by its share.
      ms_per_frame_amortised: (median(detectionTimes) * detectionTimes.length + (trackedTimes.length ? median(trackedTimes) * trackedTimes.length : 0)) / times.length,
      detection_frames: detectionTimes.length, ms_detection_frame_median: median(detectionTimes), ms_tracked_frame_median: median(trackedTimes),
      detection_frame_stages_ms_median: Object.fromEntries(STAGES.map((k) => [k, median(stages[k])])), frames: times.length, faces_found: found, labels,
    };
  }
  for (const backend of backends) for (const inputSize of inputSizes) {
    const key = `${backend}@${inputSize}`;
    const options = new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: 0.5 });
    if (!(await faceapi.tf.setBackend(backend).catch(() => false))) { result.faceapi[key] = { error: `tfjs backend ${backend} unavailable` }; continue; }
    await faceapi.tf.ready();
    const times = [], labels = [];
    let found = 0;
    for (let r = -1; r < rounds; r++) for (const canvas of r < 0 ? canvases.slice(0, 3) : canvases) {
      const t0 = performance.now();
      const face = await faceapi.detectSingleFace(canvas, options).withFaceExpressions();
      const ms = performance.now() - t0;
      if (r < 0) continue;
      times.push(ms);
      found += face ? 1 : 0;
      if (r === 0) labels.push(face ? FACEAPI_TO_OURS[Object.entries(face.expressions).sort((a, b) => b[1] - a[1])[0][0]] : null);
    }
    result.faceapi[key] = { backend: faceapi.tf.getBackend(), input_size: inputSize, ms_per_frame_mean: times.reduce((a, b) => a + b, 0) / times.length, ms_per_frame_median: median(times), frames: times.length, faces_found: found, labels };
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
