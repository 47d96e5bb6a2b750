// The expression model on the core's last face crop, as the app's face stage runs it
// (src/app/face_stage.cpp): the crop, and its mirror image when attune::FlipTta asks for it
// (src/core/flip_tta.h: a new face, an uncertain reading), as one batch; the core averages the outputs.
// Plain ES module without Node APIs: tools/classify.mjs (Node) and bench/face_frame.mjs (Node and the
// bench page in Chromium) share it.

// 'when-needed' as the app; 'always' and 'never' for benchmarks that price the mirror pass.
export const FLIP_MODES = { 'when-needed': 0, always: 1, never: 2 };

// core: the wasm core module; ort: ONNX Runtime Web. run(session) classifies the crop the core holds
// (after attune_face_process, attune_face_track or attune_face_crop_whole) and returns
// { probs: Float32Array(7), mirrored }.
export function createExpressionRunner(core, ort, { flip = 'when-needed' } = {}) {
  if (!(flip in FLIP_MODES)) throw new Error(`flip: one of ${Object.keys(FLIP_MODES).join(', ')}`);
  const inputPtr = core._malloc(2 * 2304 * 4), outputPtr = core._malloc(2 * 7 * 4), probsPtr = core._malloc(7 * 4);
  // Kept from crop to crop, as the app's bridge keeps its input arrays (web/ort_bridge.js inputTensor).
  const inputs = {};
  return async function run(session) {
    const batch = core._attune_face_emotion_input(inputPtr, FLIP_MODES[flip]);
    const values = (inputs[batch] ||= new Float32Array(batch * 2304));
    values.set(core.HEAPF32.subarray(inputPtr >> 2, (inputPtr >> 2) + values.length));
    const output = Object.values(await session.run({ input: new ort.Tensor('float32', values, [batch, 1, 48, 48]) }))[0].data;
    core.HEAPF32.set(output, outputPtr >> 2);
    if (!core._attune_face_emotion_output(outputPtr, output.length, probsPtr)) throw new Error(core.UTF8ToString(core._attune_last_error()));
    return { probs: core.HEAPF32.slice(probsPtr >> 2, (probsPtr >> 2) + 7), mirrored: batch === 2 };
  };
}
