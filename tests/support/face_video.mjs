// A fake camera clip made of FER2013 PublicTest faces (validation data, from ../shared/data, never
// committed): each face enlarged to 150 px on a 320x240 background, drifting a few pixels per frame,
// one segment per face, then a segment with no face. Faces are decoded by the wasm core (stb_image).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { FER_ARCHIVE } from '../../tools/shared_data.mjs';
import { rgbToYuv420, writeY4m } from './fake_media.mjs';

export { FER_ARCHIVE };
export const W = 320, H = 240, FACE = 150;
const BACKGROUND = [130, 110, 90];

// Grey pixels (Uint8Array w*h) and size of a FER face, via the wasm core.
export function decodeFace(core, path) {
  const bytes = readFileSync(path);
  const p = core._malloc(bytes.length);
  core.HEAPU8.set(bytes, p);
  const ok = core._attune_image_load(p, bytes.length);
  core._free(p);
  if (!ok) throw new Error(`cannot decode ${path}`);
  const w = core._attune_image_width(), h = core._attune_image_height(), px = core._attune_image_pixels();
  const grey = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) grey[i] = core.HEAPU8[px + i * 4];
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

// A W x H RGB frame (composeFrame's) as RGBA, opaque: what the core module and classify.mjs take.
export function rgbaOf(rgb) {
  const rgba = new Uint8Array(W * H * 4);
  for (let i = 0; i < W * H; i++) rgba.set([rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2], 255], i * 4);
  return rgba;
}

// Extracts `members` (e.g. "fer2013/val/happy/PublicTest_10248771.jpg") under `dir`; null without data.
export function ferFaces(members, dir) {
  if (!existsSync(FER_ARCHIVE)) return null;
  const missing = members.filter((m) => !existsSync(join(dir, m)));
  if (missing.length) { mkdirSync(dir, { recursive: true }); execFileSync('tar', ['-xzf', FER_ARCHIVE, '-C', dir, ...missing]); }
  return members.map((m) => join(dir, m));
}

// Writes the clip; returns the segments [{file|null, firstFrame, frames, left, top}] and the frame rate.
export function writeFaceClip(core, path, faceFiles, { fps = 10, secondsPerSegment = 6 } = {}) {
  const frames = [];
  const segments = [];
  const perSegment = fps * secondsPerSegment;
  for (const file of [...faceFiles, null]) {
    const face = file ? decodeFace(core, file) : null;
    segments.push({ file, firstFrame: frames.length, frames: perSegment, left: 85, top: 45 });
    for (let t = 0; t < perSegment; t++) {
      const left = 85 + Math.round(5 * Math.sin(t / 6)), top = 45 + Math.round(3 * Math.cos(t / 8));
      frames.push(rgbToYuv420(composeFrame(face, left, top), W, H));
    }
  }
  writeY4m(path, W, H, fps, frames);
  return { segments, fps };
}

// The label the offline pipeline (tools/classify.mjs: same C++ and models as the app) gives each face
// segment, on the segment's first frame; sets segment.expected.
export async function labelSegments(core, classifier, segments) {
  for (const segment of segments) {
    if (!segment.file) continue;
    const rgb = composeFrame(decodeFace(core, segment.file), segment.left, segment.top);
    const rgba = new Uint8Array(W * H * 4);
    for (let i = 0; i < W * H; i++) rgba.set([rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2], 255], i * 4);
    segment.expected = (await classifier.faceFrame(rgba, W, H)).label;
  }
}
