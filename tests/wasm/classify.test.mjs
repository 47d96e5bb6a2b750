// tools/classify.mjs: the Node classifier over the wasm core and ONNX Runtime Web.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { test } from 'node:test';

import { toneSamples, writePng, writeWav } from '../support/fake_media.mjs';
import { ravdessClip } from '../support/ravdess.mjs';
import { ferFaces } from '../support/face_video.mjs';
import { createClassifier, LABELS } from '../../tools/classify.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = join(root, 'build', 'wasm-tests');
mkdirSync(scratch, { recursive: true });

function classify(...args) {
  const run = spawnSync(process.execPath, [join(root, 'tools', 'classify.mjs'), ...args], { encoding: 'utf8' });
  return { status: run.status, lines: run.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)), stderr: run.stderr };
}

test('voice: a RAVDESS clip is classified, one JSON line with all seven probabilities', (t) => {
  const clip = ravdessClip('Actor_19/03-01-05-02-01-01-19.wav', scratch);
  if (!clip) { t.skip('../shared/data/ravdess is not on this machine'); return; }
  const { status, lines } = classify('voice', clip);
  assert.equal(status, 0);
  assert.equal(lines.length, 1);
  assert.equal(lines[0].file, clip);
  assert.equal(lines[0].label, 'angry');
  assert.deepEqual(Object.keys(lines[0].probs), ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral']);
  const sum = Object.values(lines[0].probs).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 1) < 1e-3, `probabilities sum to ${sum}`);
});

test('voice: a softly spoken RAVDESS clip (loudest frame -50 dBFS) is speech and gets a label', (t) => {
  const clip = ravdessClip('Actor_20/03-01-02-02-01-01-20.wav', scratch);
  if (!clip) { t.skip('../shared/data/ravdess is not on this machine'); return; }
  const { status, lines } = classify('voice', clip);
  assert.equal(status, 0);
  assert.ok(lines[0].speech_windows >= 1, JSON.stringify(lines[0]));
  assert.ok(LABELS.includes(lines[0].label), JSON.stringify(lines[0]));
});

test('voice: silence, a steady tone and low white noise give "no speech", never a label', () => {
  const silence = join(scratch, 'silence.wav');
  const tone = join(scratch, 'tone.wav');
  const hiss = join(scratch, 'hiss-60dbfs.wav');
  writeWav(silence, new Float32Array(44100 * 3), 44100);
  writeWav(tone, toneSamples(3, 48000, 1000, 0.001), 48000);
  let seed = 7;  // uniform noise from a fixed LCG, scaled to -60 dBFS RMS (uniform RMS = a / sqrt(3))
  const uniform = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  writeWav(hiss, Float32Array.from({ length: 48000 * 3 }, () => uniform() * 1e-3 * Math.sqrt(3)), 48000);
  const { status, lines } = classify('voice', silence, tone, hiss);
  assert.equal(lines.length, 3);
  assert.equal(status, 0);
  for (const line of lines) {
    assert.equal(line.label, null, line.file);
    assert.equal(line.message, 'no speech');
  }
});

test('voice: a malformed file is reported clearly and the others are still classified', () => {
  const bad = join(scratch, 'not-a-wav.wav');
  writeFileSync(bad, 'RIFF....WAVEjunk');
  const silence = join(scratch, 'silence.wav');
  writeWav(silence, new Float32Array(16000), 16000);
  const { status, lines } = classify('voice', bad, silence);
  assert.equal(status, 1);
  assert.equal(lines.length, 2);
  assert.match(lines[0].error, /WAV/i);
  assert.equal(lines[1].message, 'no speech');
});

test('usage errors exit with status 2', () => {
  const { status } = classify('music', 'x');
  assert.equal(status, 2);
});

test('face: --no-detect classifies a FER crop, detection finds the face in it, and an empty image has none', (t) => {
  const files = ferFaces(['fer2013/val/happy/PublicTest_10248771.jpg'], join(scratch, 'fer'));
  if (!files) { t.skip('../shared/data/fer2013 is not on this machine'); return; }
  const crop = classify('face', '--no-detect', files[0]);
  assert.equal(crop.status, 0);
  assert.ok(LABELS.includes(crop.lines[0].label), JSON.stringify(crop.lines[0]));
  const sum = Object.values(crop.lines[0].probs).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 1) < 1e-3);

  const empty = join(scratch, 'empty.png');
  writePng(empty, new Uint8Array(320 * 240 * 4).fill(128), 320, 240);
  const detected = classify('face', files[0], empty);
  assert.equal(detected.status, 0);
  assert.equal(detected.lines[0].face, true);
  const [x, y, w, h] = detected.lines[0].box;
  assert.ok(w > 20 && h > 20 && x + w / 2 > 14 && x + w / 2 < 34, `box ${detected.lines[0].box} on the 48x48 face`);
  assert.ok(LABELS.includes(detected.lines[0].label));
  assert.equal(detected.lines[1].label, null);
  assert.equal(detected.lines[1].message, 'no face found');
});

test('face: a file that is not an image is reported clearly', () => {
  const bad = join(scratch, 'not-an-image.png');
  writeFileSync(bad, 'definitely not a PNG');
  const { status, lines } = classify('face', '--no-detect', bad);
  assert.equal(status, 1);
  assert.match(lines[0].error, /not a readable PNG or JPEG/);
});

test('a model that does not match its card is refused by the command-line classifier too, with the reason', async () => {
  const models = join(scratch, 'models-wrong-card');
  mkdirSync(models, { recursive: true });
  for (const file of ['voice_emotion.onnx', 'face_emotion.onnx', 'face_emotion.json', 'face_detector.json'])
    copyFileSync(join(root, 'models', file), join(models, file));
  const card = JSON.parse(readFileSync(join(root, 'models', 'voice_emotion.json'), 'utf8'));
  card.contract.inputs[1].name = 'features';  // the model's second input is "stats"
  writeFileSync(join(models, 'voice_emotion.json'), JSON.stringify(card));
  const classifier = await createClassifier({ modelsDir: models });
  const wav = join(scratch, 'contract-tone.wav');
  writeWav(wav, toneSamples(1, 16000, 220), 16000);
  await assert.rejects(classifier.voice(wav),
    /voice_emotion\.onnx: the model does not match its card: inputs are \[logmel, stats\], the card says \[logmel, features\]/);
});
