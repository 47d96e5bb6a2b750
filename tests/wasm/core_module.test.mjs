// Loads the wasm core module (the same src/core code the browser runs) in Node and checks that it
// computes what an independent JavaScript implementation computes.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadCore } from '../../tools/core_module.mjs';

const core = await loadCore();

test('the wasm core module loads and reports its ABI version', () => {
  assert.equal(core._attune_core_abi_version(), 4);
});

test('detector input in wasm: a 320x240 RGBA frame becomes BGR planes of a 320x320 tensor, zero padded', () => {
  const width = 320, height = 240, size = 320;
  const rgba = new Uint8Array(width * height * 4);
  let seed = 12345;
  for (let i = 0; i < rgba.length; i++) { seed = (seed * 1103515245 + 12345) >>> 0; rgba[i] = seed >>> 24; }
  const rgbaPtr = core._malloc(rgba.length);
  const tensorPtr = core._malloc(3 * size * size * 4);
  core.HEAPU8.set(rgba, rgbaPtr);
  const scale = core._attune_detector_input(rgbaPtr, width, height, tensorPtr);
  const tensor = core.HEAPF32.slice(tensorPtr >> 2, (tensorPtr >> 2) + 3 * size * size);
  core._free(rgbaPtr);
  core._free(tensorPtr);

  assert.equal(scale, 1);
  const plane = size * size;
  for (const [x, y] of [[0, 0], [319, 0], [17, 100], [319, 239], [160, 120]]) {
    const p = (y * width + x) * 4;
    assert.equal(tensor[0 * plane + y * size + x], rgba[p + 2], `blue at ${x},${y}`);
    assert.equal(tensor[1 * plane + y * size + x], rgba[p + 1], `green at ${x},${y}`);
    assert.equal(tensor[2 * plane + y * size + x], rgba[p + 0], `red at ${x},${y}`);
  }
  for (let y = 240; y < 320; y++) assert.equal(tensor[2 * plane + y * size + 5], 0, `padding row ${y}`);
});

test('expression model input in wasm: a new face goes with its mirror image, a certain reading then alone', () => {
  const side = 48, rgba = new Uint8Array(side * side * 4);
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) rgba.set([x * 5, y * 5, 40, 255], (y * side + x) * 4);
  const rgbaPtr = core._malloc(rgba.length), cropPtr = core._malloc(2304 * 4), inputPtr = core._malloc(2 * 2304 * 4);
  const outputPtr = core._malloc(14 * 4), probsPtr = core._malloc(7 * 4);
  core.HEAPU8.set(rgba, rgbaPtr);
  core._attune_image_set_rgba(rgbaPtr, side, side);
  assert.equal(core._attune_face_crop_whole(cropPtr), 1);
  const crop = core.HEAPF32.slice(cropPtr >> 2, (cropPtr >> 2) + 2304);
  const input = () => core.HEAPF32.slice(inputPtr >> 2, (inputPtr >> 2) + 2 * 2304);

  assert.equal(core._attune_face_emotion_input(inputPtr, 0), 2, 'a new image: the crop and its mirror');
  const both = input();
  assert.deepEqual(both.subarray(0, 2304), crop);
  for (const [r, c] of [[0, 0], [0, 47], [10, 3], [47, 20]]) assert.equal(both[2304 + r * 48 + c], crop[r * 48 + 47 - c], `mirror at ${r},${c}`);

  const certain = [0.02, 0.02, 0.02, 0.86, 0.02, 0.02, 0.04], mirrored = [0.04, 0.02, 0.02, 0.82, 0.02, 0.04, 0.04];
  core.HEAPF32.set([...certain, ...mirrored], outputPtr >> 2);
  assert.equal(core._attune_face_emotion_output(outputPtr, 14, probsPtr), 1);
  const probs = core.HEAPF32.slice(probsPtr >> 2, (probsPtr >> 2) + 7);
  probs.forEach((p, i) => assert.ok(Math.abs(p - (certain[i] + mirrored[i]) / 2) < 1e-6, `class ${i}: ${p}`));

  assert.equal(core._attune_face_emotion_input(inputPtr, 0), 1, 'after a certain reading: the crop alone');
  assert.deepEqual(input().subarray(0, 2304), crop);
  assert.equal(core._attune_face_emotion_input(inputPtr, 1), 2, 'mode "always"');
  assert.equal(core._attune_face_emotion_input(inputPtr, 2), 1, 'mode "never"');
  assert.equal(core._attune_face_emotion_output(outputPtr, 8, probsPtr), 0, 'an output of 8 values is refused');
  core._attune_image_set_rgba(rgbaPtr, side, side);
  assert.equal(core._attune_face_emotion_input(inputPtr, 0), 2, 'a new image starts afresh');
  [rgbaPtr, cropPtr, inputPtr, outputPtr, probsPtr].forEach((p) => core._free(p));
});

// bench/steadiness_replay.mjs replays recorded crops through these exports; they must be the face
// stage's smoother (src/core/expression_smoother.h), settings and all.
test('expression smoothing in wasm: settings are taken or refused, and a crop is combined as the app does', () => {
  const probsPtr = core._malloc(7 * 4), outPtr = core._malloc(7 * 4);
  const add = (probs, time) => {
    core.HEAPF32.set(probs, probsPtr >> 2);
    return core._attune_smoother_add(probsPtr, 1, time, outPtr);
  };
  const sad = [0.02, 0.02, 0.02, 0.02, 0.88, 0.02, 0.02], angry = [0.88, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02];
  assert.equal(core._attune_smoother_configure(0, -1, -1, -1, -1, -1), 0, 'a half-life of 0 is refused');
  assert.match(core.UTF8ToString(core._attune_last_error()), /positive/);

  assert.equal(core._attune_smoother_configure(-1, 0.05, -1, -1, 0.1, -1), 1);  // only the newest crop counts
  assert.equal(add(sad, 0), 4, 'the first crop: sad');
  assert.equal(add(angry, 0.1), 4, 'one angry crop is not confirmed');
  assert.equal(add(angry, 0.2), 0, 'angry for 0.1 s is');
  assert.equal(core._attune_smoother_label_changes(), 1);
  assert.equal(add(sad, 0.1), -1, 'a crop older than the newest is refused');
  core._attune_smoother_reset();
  assert.equal(add(sad, 0.3), 4, 'after a reset the next crop is shown at once');

  assert.equal(core._attune_smoother_configure(-1, -1, -1, 0.2, 0, -1), 1);
  assert.equal(add(sad, 0), 4);
  assert.equal(add(angry, 0.5), 0, '0.5 s newer, the angry crop holds 80% of the weight at the default 0.25 s half-life: it leads by 0.52');
  [probsPtr, outPtr].forEach((p) => core._free(p));
});
