// Train/serve parity for the voice model: the Node classifier (wasm core + ONNX Runtime Web, the
// browser's code path) must reproduce the Python pipeline's predictions (training/voice/
// dev_predictions.json, written by the training scripts from the native featurizer) on all 1,200
// RAVDESS dev clips. The clips include the final model's training data: this is a parity check of
// the feature code, not an accuracy figure (those are in the model card).
//
// Two checks: (1) the probabilities equal the Python pipeline's on every clip (the feature code is
// the same); (2) the labels agree on >= 99% of the clips where the voice activity detector hears
// speech. Clips where it hears none would get no label by design (the app says "no speech" instead
// of guessing); every dev clip is speech, softly spoken ones included (the VAD's quiet-speech pass),
// so none may be missed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { test } from 'node:test';

import { createClassifier } from '../../tools/classify.mjs';
import { RAVDESS_ARCHIVE } from '../support/ravdess.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const data = join(root, 'build', 'wasm-tests', 'ravdess-all');

test('the Node/wasm voice path agrees with the Python pipeline on >= 99% of the 1,200 dev clips', { timeout: 900000 }, async (t) => {
  if (!existsSync(RAVDESS_ARCHIVE)) { t.skip('../shared/data/ravdess is not on this machine'); return; }
  const expected = JSON.parse(readFileSync(join(root, 'training', 'voice', 'dev_predictions.json'), 'utf8'));
  const clips = Object.keys(expected);
  assert.equal(clips.length, 1200);
  if (!existsSync(join(data, 'ravdess-16k', clips[clips.length - 1]))) {
    mkdirSync(data, { recursive: true });
    execFileSync('tar', ['-xJf', RAVDESS_ARCHIVE, '-C', data]);
  }
  const classifier = await createClassifier();
  let agree = 0, withSpeech = 0, noSpeech = 0;
  let maxProbDiff = 0;
  const disagreements = [];
  for (const clip of clips) {
    const got = await classifier.voice(join(data, 'ravdess-16k', clip));
    const want = expected[clip];
    const probs = got.probs || got.probs_without_speech;
    assert.ok(probs, `${clip}: ${JSON.stringify(got)}`);
    for (const k of Object.keys(want.probs)) maxProbDiff = Math.max(maxProbDiff, Math.abs(probs[k] - want.probs[k]));
    if (got.label === null) { noSpeech++; continue; }
    withSpeech++;
    if (got.label === want.label) agree++;
    else disagreements.push(`${clip}: node ${got.label}, python ${want.label}`);
  }
  const agreement = agree / withSpeech;
  console.log(`voice parity: labels agree on ${agree}/${withSpeech} clips with speech (${(agreement * 100).toFixed(2)}%); ` +
    `${noSpeech} clips without detected speech; largest probability difference over all ${clips.length}: ${maxProbDiff.toExponential(2)}`);
  assert.ok(maxProbDiff < 1e-4, `probabilities differ by up to ${maxProbDiff}`);
  assert.ok(agreement >= 0.99, `agreement ${agreement}; first disagreements:\n${disagreements.slice(0, 10).join('\n')}`);
  assert.equal(noSpeech, 0, `${noSpeech} speech clips got "no speech"`);
});
