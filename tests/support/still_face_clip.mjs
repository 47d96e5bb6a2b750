// A fake camera clip of a person sitting still, for the steadiness test: one FER2013 PublicTest face
// held for `secondsPerFace`, then a face with another expression for as long. "Still" as a webcam sees
// it, not as a photo: the head sways by a pixel or two and breathes in scale, the light drifts by a few
// per cent, and every frame has its own sensor noise (seeded, so the clip is the same every run). Those
// are what make single crops of one face change label from frame to frame.
//
// Each segment draws a marker in its top-left 8x8 pixels, dark on the first face and bright on the
// second, so that a test can tell when a segment reached the page (media_hooks.mjs watchFrameMarker).
//
// Faces are chosen as in script_media.mjs: the first candidates (fixed lists below) that the offline
// pipeline (tools/classify.mjs: the same C++ and models) labels as their true emotion on the clip's
// unperturbed frame; the clip checks how steadily the live app reads known material.
import { composeFrame, decodeFace, drawFrameMarker, ferFaces, FACE, H, rgbaOf, seededRandom, sensorNoise, W } from './face_video.mjs';
import { rgbToYuv420, writeY4m } from './fake_media.mjs';

const CANDIDATES = {  // PublicTest files in archive order
  neutral: ['84605588', '34157941', '1153675', '29922866', '91865460', '948908', '7588518', '55261472'],
  happy: ['58895662', '30244131', '52731318', '23722704', '24830226', '45911168', '40882120'],
};
export const STILL_SCRIPT = ['neutral', 'happy'];
const LEFT = 85, TOP = 45;
const NOISE_SD = 4;  // gray levels: a webcam's sensor noise in room light

// Frame t of a still face: sway, breathing, light drift and noise; `marker` 0 or 255.
function stillFrame(face, t, uniform, marker = 0) {
  const left = LEFT + Math.round(1.5 * Math.sin(t / 7)), top = TOP + Math.round(1.2 * Math.cos(t / 9));
  const size = FACE + Math.round(2 * Math.sin(t / 11));
  const gain = 1 + 0.04 * Math.sin(t / 13);
  const rgb = composeFrame(face, left, top, size);
  for (let i = 0; i < rgb.length; i += 3) {
    // The same noise on R, G and B: a gray face stays gray.
    const noise = sensorNoise(uniform, NOISE_SD);
    const v = Math.max(0, Math.min(255, Math.round(rgb[i] * gain + noise)));
    rgb[i] = rgb[i + 1] = rgb[i + 2] = v;
  }
  return drawFrameMarker(rgb, marker);
}

async function pickFace(core, classifier, emotion, dir) {
  const files = ferFaces(CANDIDATES[emotion].map((id) => `fer2013/val/${emotion}/PublicTest_${id}.jpg`), dir);
  if (!files) return null;
  for (const file of files) {
    const reading = await classifier.faceFrame(rgbaOf(composeFrame(decodeFace(core, file), LEFT, TOP)), W, H);
    if (reading.label === emotion) return file;
  }
  throw new Error(`no ${emotion} candidate face is labelled ${emotion} by the offline pipeline`);
}

// The clip's faces (files, in STILL_SCRIPT order), or null without the shared data.
export async function pickStillFaces(core, classifier, dir) {
  const faces = [];
  for (const emotion of STILL_SCRIPT) {
    const file = await pickFace(core, classifier, emotion, dir);
    if (!file) return null;
    faces.push(file);
  }
  return faces;
}

// The clip's RGB frames in order: `segments` segments of `fps * secondsPerFace` frames, cycling through
// `faces`; frame i's noise follows from the seed and frames 0..i-1, so a replay that wants frame i
// must take the frames before it too (bench/steadiness_replay.mjs).
export function* stillFaceFrames(core, faces, { fps = 10, secondsPerFace = 30, seed = 17, segments = faces.length } = {}) {
  const uniform = seededRandom(seed);
  const decoded = faces.map((file) => decodeFace(core, file));
  for (let k = 0; k < segments; k++) {
    for (let t = 0; t < fps * secondsPerFace; t++) yield stillFrame(decoded[k % faces.length], t, uniform, (k % 2) * 255);
  }
}

// Writes the clip to `path`; returns { faces, fps, secondsPerFace } or null without the shared data.
export async function writeStillFaceClip(core, classifier, path, dir, { fps = 10, secondsPerFace = 30, seed = 17 } = {}) {
  const faces = await pickStillFaces(core, classifier, dir);
  if (!faces) return null;
  const frames = Array.from(stillFaceFrames(core, faces, { fps, secondsPerFace, seed }), (rgb) => rgbToYuv420(rgb, W, H));
  writeY4m(path, W, H, fps, frames);
  return { faces: faces.map((f) => f.split('/').pop()), fps, secondsPerFace };
}
