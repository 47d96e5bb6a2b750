#!/usr/bin/env node
// Classifies recordings and images with Attune's own models, through the same wasm core and the same
// ONNX Runtime Web as the browser. Prints one JSON line per file:
//   {"file": ..., "label": "angry", "probs": {"angry": 0.9, ...}}
//
//   node tools/classify.mjs voice FILE.wav...
//   node tools/classify.mjs face [--no-detect] IMAGE.png|jpg...
//
// Voice: each file is cut into 3 s windows (hop 1 s) and the windows' probabilities are averaged,
// as in training; a file without speech gives "label": null. Face: the detector finds the largest face, which is aligned and cropped to 48x48;
// with --no-detect the image already is a face crop (like FER2013). No face: "label": null.
// Needs a build (tools/build.sh). Exit status 1 when any file could not be classified.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

import { loadCore } from './core_module.mjs';
import { createExpressionRunner } from './face_expression.mjs';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
export const LABELS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];
// Index of the largest value (the first of equal ones).
export const argmaxIndex = (values) => values.reduce((best, v, i) => (v > values[best] ? i : best), 0);
const VOICE_HOP_SAMPLES = 16000;

// The face detector the app ships: YuNet with int8 weights, made by tools/setup.sh.
export const DETECTOR_PATH = join(root, 'third_party', 'models', 'face_detector.onnx');

// voiceModelPath: another voice model file (e.g. the float32 export) read with the card in modelsDir.
export async function createClassifier({ modelsDir = join(root, 'models'), detectorPath = DETECTOR_PATH,
  voiceModelPath = join(modelsDir, 'voice_emotion.onnx') } = {}) {
  const ort = require('onnxruntime-web');
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
  const core = await loadCore();
  const sessions = {};
  // Each model is checked against its card's contract, as the app checks it (web/model_contract.js).
  const { checkModelContract } = require('../web/model_contract.js');
  const open = async (path, cardPath, expects) => {
    const model = await ort.InferenceSession.create(readFileSync(path));
    const problem = checkModelContract(model, JSON.parse(readFileSync(cardPath, 'utf8')), expects, cardPath);
    if (problem) throw new Error(`${path}: ${problem}`);
    return model;
  };
  const session = async (name, path, cardPath = path.replace(/\.onnx$/, '.json'), expects = 'probs:probabilities') =>
    (sessions[name] ||= await open(path, cardPath, expects));

  const heap = {
    bytes(data) { const p = core._malloc(data.length); core.HEAPU8.set(data, p); return p; },
    floats(n) { return core._malloc(n * 4); },
    read(p, n) { return core.HEAPF32.slice(p >> 2, (p >> 2) + n); },
    error() { return core.UTF8ToString(core._attune_last_error()); },
  };
  const toProbs = (values) => Object.fromEntries(LABELS.map((l, i) => [l, Number(values[i].toFixed(6))]));
  const argmax = (values) => LABELS[argmaxIndex(values)];

  async function voice(file) {
    const model = await session('voice', voiceModelPath, join(modelsDir, 'voice_emotion.json'));
    const bytes = readFileSync(file);
    const wav = heap.bytes(bytes);
    const windows = core._attune_voice_load(wav, bytes.length, VOICE_HOP_SAMPLES);
    core._free(wav);
    if (windows < 0) return { file, error: heap.error() };
    const mels = core._attune_voice_mels(), frames = core._attune_voice_frames(), statsDim = core._attune_voice_stats_dim();
    const logmelPtr = heap.floats(mels * frames), statsPtr = heap.floats(statsDim);
    const probsPtr = heap.floats(windows * 7), speechPtr = core._malloc(windows * 4), outPtr = heap.floats(7);
    let speechWindows = 0;
    for (let w = 0; w < windows; w++) {
      const speech = core._attune_voice_window(w, logmelPtr, statsPtr);
      speechWindows += speech;
      core.HEAP32[(speechPtr >> 2) + w] = speech;
      const result = await model.run({
        logmel: new ort.Tensor('float32', heap.read(logmelPtr, mels * frames), [1, 1, mels, frames]),
        stats: new ort.Tensor('float32', heap.read(statsPtr, statsDim), [1, statsDim]),
      });
      core.HEAPF32.set(result.probs.data, (probsPtr >> 2) + w * 7);
    }
    core._attune_voice_average(probsPtr, speechPtr, windows, outPtr);
    const probs = heap.read(outPtr, 7);
    [logmelPtr, statsPtr, probsPtr, speechPtr, outPtr].forEach((p) => core._free(p));
    // As in the app: no speech anywhere gives no label, not a guess. The probabilities the pipeline
    // would average are still given (for parity checks), clearly marked as without speech.
    if (speechWindows === 0) return { file, label: null, speech: false, message: 'no speech', probs_without_speech: toProbs(probs), windows };
    return { file, label: argmax(probs), probs: toProbs(probs), windows, speech_windows: speechWindows };
  }

  async function face(file, { detect = true } = {}) {
    const bytes = readFileSync(file);
    const p = heap.bytes(bytes);
    const ok = core._attune_image_load(p, bytes.length);
    core._free(p);
    if (!ok) return { file, error: heap.error() };
    return classifyLoadedImage(file, detect);
  }

  // An RGBA frame (e.g. composed by a test) through the same path as an image file.
  async function faceFrame(rgba, width, height, { detect = true } = {}) {
    const p = heap.bytes(rgba);
    core._attune_image_set_rgba(p, width, height);
    core._free(p);
    return classifyLoadedImage('(frame)', detect);
  }

  // YuNet on the detector input the core prepares from its image; its outputs handed back to the core.
  async function runDetector(detector) {
    const width = core._attune_face_detector_width(), height = core._attune_face_detector_height();
    const inputPtr = heap.floats(3 * width * height);
    const count = core._attune_face_detector_input(inputPtr);
    const outputs = await detector.run({ input: new ort.Tensor('float32', heap.read(inputPtr, count), [1, 3, height, width]) });
    core._free(inputPtr);
    for (const [name, tensor] of Object.entries(outputs)) {
      const dataPtr = heap.bytes(new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength));
      const namePtr = heap.bytes(Buffer.from(name + '\0'));
      core._attune_face_detector_output(namePtr, dataPtr, tensor.data.length);
      core._free(dataPtr);
      core._free(namePtr);
    }
  }

  const classifyCrop = createExpressionRunner(core, ort);
  async function classifyLoadedImage(file, detect) {
    const model = await session('face', join(modelsDir, 'face_emotion.onnx'));
    const cropPtr = heap.floats(48 * 48);
    let box = null;
    try {
      if (!detect) {
        if (!core._attune_face_crop_whole(cropPtr)) return { file, error: heap.error() };
      } else {
        const detector = await session('detector', detectorPath, join(modelsDir, 'face_detector.json'), '');
        // As the app gives a still face several frames: upright, then the frame turned each way.
        const boxPtr = heap.floats(4);
        let faces = 0;
        for (let run = 0; run < core._attune_face_search_length() && faces === 0; run++) {
          await runDetector(detector);
          faces = core._attune_face_process(cropPtr, boxPtr);
        }
        box = Array.from(heap.read(boxPtr, 4), (v) => Math.round(v * 10) / 10);
        core._free(boxPtr);
        if (faces === 0) return { file, label: null, face: false, message: 'no face found' };
      }
      const { probs: values } = await classifyCrop(model);  // with its mirror image: a new face to the app
      return { file, label: argmax(values), probs: toProbs(values), ...(box ? { face: true, box } : {}) };
    } finally {
      core._free(cropPtr);
    }
  }

  return { voice, face, faceFrame };
}

async function main(argv) {
  const [kind, ...rest] = argv;
  const noDetect = rest.includes('--no-detect');
  const files = rest.filter((a) => a !== '--no-detect');
  if (!['voice', 'face'].includes(kind) || files.length === 0) {
    console.error('usage: node tools/classify.mjs voice FILE.wav...\n       node tools/classify.mjs face [--no-detect] IMAGE...');
    return 2;
  }
  const classifier = await createClassifier();
  let failures = 0;
  for (const file of files) {
    let line;
    try {
      line = kind === 'voice' ? await classifier.voice(file) : await classifier.face(file, { detect: !noDetect });
    } catch (error) {
      line = { file, error: error.message || String(error) };
    }
    if (line.error) failures++;
    console.log(JSON.stringify(line));
  }
  return failures ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
