// tools/classify.mjs: the Node classifier over the wasm core and ONNX Runtime Web.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { test } from 'node:test';

import { toneSamples, writeWav } from '../support/fake_media.mjs';
import { ravdessClip } from '../support/ravdess.mjs';

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

test('voice: silence and a steady tone give "no speech", never a label', () => {
  const silence = join(scratch, 'silence.wav');
  const tone = join(scratch, 'tone.wav');
  writeWav(silence, new Float32Array(44100 * 3), 44100);
  writeWav(tone, toneSamples(3, 48000, 1000, 0.001), 48000);
  const { status, lines } = classify('voice', silence, tone);
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
