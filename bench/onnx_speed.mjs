// Inference time of several ONNX files with the same input, interleaved run by run so that the
// machine's load falls on all alike (ONNX Runtime Web, Node, wasm, one thread, as the app's first
// visit runs it). For comparing variants of one model: weights stored in fewer bits, a static input
// shape, other session options. Prints the median of each after WARMUP runs; never fails.
//   node bench/onnx_speed.mjs --input input:1x3x192x256 [--runs 150] A.onnx B.onnx ...
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const WARMUP = 20;
const { values, positionals: files } = parseArgs({ allowPositionals: true, options: {
  input: { type: 'string', default: 'input:1x3x192x256' }, runs: { type: 'string', default: '150' },
} });
const [inputName, shapeText] = values.input.split(':');
const shape = shapeText.split('x').map(Number);
if (!files.length || shape.some((d) => !(d > 0))) {
  console.error('usage: node bench/onnx_speed.mjs --input NAME:DxDx... [--runs 150] A.onnx B.onnx ...');
  process.exit(2);
}
const ort = createRequire(import.meta.url)('onnxruntime-web');
ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';
const sessions = [];
for (const file of files) sessions.push(await ort.InferenceSession.create(readFileSync(file)));
// A fixed, non-constant input (values 0..254, as camera pixels): every model sees the same numbers.
const data = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => (i * 7919) % 255);
const times = files.map(() => []);
for (let run = 0; run < Number(values.runs); run++) {
  for (const [k, session] of sessions.entries()) {
    const start = performance.now();
    await session.run({ [inputName]: new ort.Tensor('float32', data, shape) });
    times[k].push(performance.now() - start);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${values.runs} runs each (first ${WARMUP} not counted), input ${inputName} ${shape.join('x')}, interleaved:`);
files.forEach((file, k) => console.log(`  ${file}: ${median(times[k].slice(WARMUP)).toFixed(2)} ms (median)`));
