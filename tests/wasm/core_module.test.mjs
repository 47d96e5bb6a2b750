// Loads the wasm core module (the same src/core code the browser runs) in Node and checks that it
// computes what an independent JavaScript implementation computes.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadCore } from '../../tools/core_module.mjs';

const core = await loadCore();

test('the wasm core module loads and reports its ABI version', () => {
  assert.equal(core._attune_core_abi_version(), 3);
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
