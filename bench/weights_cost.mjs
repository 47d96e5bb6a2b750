// What a model with compressed weights (tools/fp16_weights.py, tools/int8_weights.py) costs against its
// reference, both run as the app runs them (wasm core + ONNX Runtime Web, wasm, one thread):
//   face:  all 3,589 FER2013 PublicTest crops (never trained on), each crop through both models in
//          turn: each model's accuracy, the labels that differ, the largest probability difference
//          and the median time per crop (the models interleaved, so the machine's load falls on both).
//   voice: the 1,200 RAVDESS clips of actors 01-20, file-level readings (tools/classify.mjs): the
//          labels that differ and the largest probability difference. The shipped voice model trained
//          on these clips, so this is agreement between the two models, not an accuracy.
// Prints figures; never fails.
//   node bench/weights_cost.mjs --kind face|voice --reference A.onnx --candidate B.onnx [--step 1] [--json FILE]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';

import { decodeFace } from '../tests/support/face_video.mjs';
import { RAVDESS_ARCHIVE, ravdessClips } from '../tests/support/ravdess.mjs';
import { argmaxIndex as argmax, createClassifier, LABELS as CLASSES } from '../tools/classify.mjs';
import { openFacePipeline } from './open_face_pipeline.mjs';
import { publicTestFaces } from './public_test.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: {
  kind: { type: 'string', default: 'face' }, reference: { type: 'string' }, candidate: { type: 'string' },
  step: { type: 'string', default: '1' }, json: { type: 'string' },
} });
if (!values.reference || !values.candidate || !['face', 'voice'].includes(values.kind)) {
  console.error('usage: node bench/weights_cost.mjs --kind face|voice --reference A.onnx --candidate B.onnx [--step 1] [--json FILE]');
  process.exit(2);
}
const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : null);
const step = Number(values.step);

// Each item through both models (order alternating): { name, probs[], ms[], correct }.
async function compare(items, models, run) {
  const stats = models.map((m) => ({ ...m, correct: 0, ms: [] }));
  let differing = 0, largest = 0, scored = 0;
  for (const [index, item] of items.entries()) {
    const probs = [];
    for (const k of index % 2 ? [1, 0] : [0, 1]) {
      const start = performance.now();
      probs[k] = await run(stats[k], item);
      stats[k].ms.push(performance.now() - start);
    }
    if (!probs[0] || !probs[1]) continue;  // no speech: no reading from either
    scored++;
    probs.forEach((p, k) => { if (item.label && CLASSES[argmax(p)] === item.label) stats[k].correct++; });
    if (argmax(probs[0]) !== argmax(probs[1])) differing++;
    largest = Math.max(largest, ...probs[0].map((p, i) => Math.abs(p - probs[1][i])));
  }
  return { items: scored, differing_labels: differing, largest_probability_difference: largest, stats };
}

async function faceCost() {
  const faces = publicTestFaces({ step });
  if (!faces) return null;
  const { core, ort, runner, classifier } = await openFacePipeline({ classifierPath: values.reference });
  const candidate = await ort.InferenceSession.create(readFileSync(values.candidate));
  return compare(faces, [{ name: 'reference', file: values.reference, session: classifier }, { name: 'candidate', file: values.candidate, session: candidate }],
    async (m, face) => { decodeFace(core, face.path); return Array.from(await runner.cropWhole(m.session)); });
}

async function voiceCost() {
  if (!existsSync(RAVDESS_ARCHIVE)) return null;
  const all = execFileSync('tar', ['-tJf', RAVDESS_ARCHIVE], { encoding: 'utf8', maxBuffer: 1 << 24 }).split('\n')
    .filter((m) => m.endsWith('.wav')).map((m) => m.replace(/^ravdess-16k\//, '')).sort();
  const files = ravdessClips(all.filter((_, i) => i % step === 0), join(root, 'build', 'bench-data'));
  // Each model checked against the shipped card's contract, as the app checks it.
  const models = [{ name: 'reference', file: values.reference }, { name: 'candidate', file: values.candidate }];
  for (const m of models) m.classifier = await createClassifier({ voiceModelPath: m.file });
  return compare(files.map((path) => ({ path })), models, async (m, clip) => {
    const line = await m.classifier.voice(clip.path);
    return line.probs ? CLASSES.map((c) => line.probs[c]) : null;
  });
}

const result = await (values.kind === 'face' ? faceCost() : voiceCost());
if (!result) { console.log(`skipped: the ${values.kind === 'face' ? 'FER2013' : 'RAVDESS'} archive is not in the shared data`); process.exit(0); }
const report = {
  kind: values.kind, items: result.items, differing_labels: result.differing_labels,
  largest_probability_difference: result.largest_probability_difference,
  models: result.stats.map((m) => ({
    name: m.name, file: m.file, bytes: statSync(m.file).size, gzip_bytes: gzipSync(readFileSync(m.file), { level: 6 }).length,
    accuracy: values.kind === 'face' ? m.correct / result.items : null, median_ms: median(m.ms),
  })),
};
console.log(`${values.kind === 'face' ? 'PublicTest crops' : 'RAVDESS clips (trained on: agreement, not accuracy)'}: ${report.items}; ` +
  `labels that differ: ${report.differing_labels}; largest probability difference ${report.largest_probability_difference.toExponential(2)}`);
for (const m of report.models) {
  console.log(`  ${m.name} ${basename(m.file)}: ${m.bytes} bytes (gzip -6 ${m.gzip_bytes})` +
    `${m.accuracy === null ? '' : `, accuracy ${(100 * m.accuracy).toFixed(2)}%`}, ${m.median_ms.toFixed(2)} ms per ${values.kind === 'face' ? 'crop' : 'clip'} (median)`);
}
if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 2));
