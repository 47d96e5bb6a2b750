// The face pipeline in Node as the app runs it in the browser: the wasm core module (src/core/vision)
// and ONNX Runtime Web (wasm, one thread) with YuNet and, when asked, the shipped expression model.
// For the benchmarks and tools that push many frames through it (a page script uses face_frame.mjs
// directly: this file reads from disk).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { DETECTOR_PATH } from '../tools/classify.mjs';
import { loadCore } from '../tools/core_module.mjs';
import { createFaceRunner } from './face_frame.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

export { DETECTOR_PATH };
export const CLASSIFIER_PATH = join(root, 'models', 'face_emotion.onnx');

export async function openFacePipeline({ classifier = true, detectorPath = DETECTOR_PATH, classifierPath = CLASSIFIER_PATH } = {}) {
  const ort = createRequire(import.meta.url)('onnxruntime-web');
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
  const core = await loadCore();
  const open = (path) => ort.InferenceSession.create(readFileSync(path));
  return {
    core, ort, runner: createFaceRunner(core, ort),
    detector: await open(detectorPath),
    classifier: classifier ? await open(classifierPath) : null,
  };
}
