// A fake camera clip made of FER2013 PublicTest faces (validation data, from ../shared/data, never
// committed): each face enlarged to 150 px on a 320x240 background, drifting a few pixels per frame,
// one segment per face, then a segment with no face. Faces are decoded by the wasm core (stb_image).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { FER_ARCHIVE } from '../../tools/shared_data.mjs';
import { rgbToYuv420, writeY4m } from './fake_media.mjs';

export { FER_ARCHIVE };
export { composeFrame, decodeFace, dimLight, FACE, H, rgbaOf, seededRandom, sensorNoise, W } from '../../tools/face_frames.mjs';
import { composeFrame, decodeFace, H, rgbaOf, W } from '../../tools/face_frames.mjs';

// Fills the frame's top-left 8x8 pixels with `level` (0 or 255): the marker media_hooks.mjs watchFrameMarker
// reads on the page, so that a test knows when a segment of its clip really arrived. Returns the frame.
export function drawFrameMarker(rgb, level) {
  for (let y = 0; y < 8; y++) rgb.fill(level, y * W * 3, (y * W + 8) * 3);
  return rgb;
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
    const rgba = rgbaOf(composeFrame(decodeFace(core, segment.file), segment.left, segment.top));
    segment.expected = (await classifier.faceFrame(rgba, W, H)).label;
  }
}
