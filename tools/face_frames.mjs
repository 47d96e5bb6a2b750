// Camera-like frames made of FER2013 faces, for the tools, benchmarks and tests that need them: a face
// decoded by the wasm core (stb_image), enlarged onto a 320x240 background, and the light and noise a
// webcam adds. Nothing here reads files other than the face given.
import { readFileSync } from 'node:fs';

export const W = 320, H = 240, FACE = 150;
const BACKGROUND = [130, 110, 90];

// RGBA pixels (a copy) and size of a PNG or JPEG file, decoded by the wasm core.
export function decodeImage(core, path) {
  const bytes = readFileSync(path);
  const p = core._malloc(bytes.length);
  core.HEAPU8.set(bytes, p);
  const ok = core._attune_image_load(p, bytes.length);
  core._free(p);
  if (!ok) throw new Error(`cannot decode ${path}`);
  const w = core._attune_image_width(), h = core._attune_image_height(), px = core._attune_image_pixels();
  return { rgba: core.HEAPU8.slice(px, px + w * h * 4), w, h };
}

// Grey pixels (Uint8Array w*h) and size of a FER face (a grey JPEG: every channel holds the level).
export function decodeFace(core, path) {
  const { rgba, w, h } = decodeImage(core, path);
  const grey = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) grey[i] = rgba[i * 4];
  return { grey, w, h };
}

// One RGB frame with the face at (left, top), bilinearly scaled to size x size; pass `rgb` to paste
// onto an existing frame (another face) instead of a fresh background.
export function composeFrame(face, left, top, size = FACE, rgb = null) {
  if (!rgb) {
    rgb = new Uint8Array(W * H * 3);
    for (let i = 0; i < W * H; i++) rgb.set(BACKGROUND, i * 3);
  }
  if (!face) return rgb;
  for (let y = 0; y < size; y++) {
    const sy = Math.min(face.h - 1.001, Math.max(0, ((y + 0.5) * face.h) / size - 0.5));
    const y0 = Math.floor(sy), fy = sy - y0;
    for (let x = 0; x < size; x++) {
      const sx = Math.min(face.w - 1.001, Math.max(0, ((x + 0.5) * face.w) / size - 0.5));
      const x0 = Math.floor(sx), fx = sx - x0;
      const g = (face.grey[y0 * face.w + x0] * (1 - fx) + face.grey[y0 * face.w + x0 + 1] * fx) * (1 - fy) +
                (face.grey[(y0 + 1) * face.w + x0] * (1 - fx) + face.grey[(y0 + 1) * face.w + x0 + 1] * fx) * fy;
      const k = ((top + y) * W + left + x) * 3;
      rgb[k] = rgb[k + 1] = rgb[k + 2] = Math.round(g);
    }
  }
  return rgb;
}

// Deterministic uniform [0, 1) numbers (mulberry32) from `seed`: the same clip or bench frame every run.
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Roughly Gaussian noise of standard deviation `sd` (the sum of three uniforms) from `uniform`.
export const sensorNoise = (uniform, sd) => (uniform() + uniform() + uniform() - 1.5) * 2 * sd;

// An RGB frame under other light: `gain` times the light, the tone curve raised to `gamma`, and sensor
// noise of standard deviation `sd` levels per channel drawn from `uniform`. In place.
export function applyLight(rgb, uniform, { gain, gamma, sd }) {
  for (let i = 0; i < rgb.length; i++) {
    const v = 255 * gain * Math.pow(rgb[i] / 255, gamma) + sensorNoise(uniform, sd);
    rgb[i] = Math.max(0, Math.min(255, Math.round(v)));
  }
  return rgb;
}

// An RGB frame as a dim room gives it (an evening lit by a screen): 40% of the light, a darker tone
// curve (gamma 1.4) and the sensor noise of a camera's raised gain (sd 6 levels per channel). In place.
export function dimLight(rgb, seed) {
  return applyLight(rgb, seededRandom(seed), { gain: 0.4, gamma: 1.4, sd: 6 });
}

// A W x H RGB frame (composeFrame's) as RGBA, opaque: what the core module and classify.mjs take.
export function rgbaOf(rgb) {
  const rgba = new Uint8Array(W * H * 4);
  for (let i = 0; i < W * H; i++) rgba.set([rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2], 255], i * 4);
  return rgba;
}

