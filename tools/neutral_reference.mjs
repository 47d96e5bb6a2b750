#!/usr/bin/env node
// Measures the calibration's neutral references (src/core/calibration.cpp): the shipped models' mean
// output on neutral inputs of other people, order angry, disgust, fear, happy, sad, surprise, neutral.
//   face:  every FER2013 PublicTest (validation) face labelled neutral, classified as a face crop
//          (tools/classify.mjs --no-detect); the face model never trained on these.
//   voice: the RAVDESS "neutral" clips (emotion code 01), each read by the cross-validation's fold models
//          that never heard its actor (models/voice_emotion.json, cv_neutral_reference, written by
//          training/voice/export.py from the shipped recipe's out-of-fold predictions).
//
//   node tools/neutral_reference.mjs      (needs a build and ../shared/data; prints one JSON object)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createClassifier, LABELS } from './classify.mjs';
import { FER_ARCHIVE } from './shared_data.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function mean(vectors) {
  const sum = new Array(LABELS.length).fill(0);
  for (const v of vectors) v.forEach((x, i) => { sum[i] += x; });
  return sum.map((x) => Number((x / vectors.length).toFixed(4)));
}

const scratch = join(root, 'build', 'neutral_reference');
mkdirSync(scratch, { recursive: true });
execFileSync('tar', ['-xzf', FER_ARCHIVE, '-C', scratch, '--wildcards', 'fer2013/val/neutral/*']);
const dir = join(scratch, 'fer2013', 'val', 'neutral');
const classifier = await createClassifier();
const faces = [];
for (const name of readdirSync(dir).sort()) {
  const result = await classifier.face(join(dir, name), { detect: false });
  if (result.probs) faces.push(LABELS.map((l) => result.probs[l]));
}

const voiceCard = JSON.parse(readFileSync(join(root, 'models', 'voice_emotion.json'), 'utf8'));
const voice = voiceCard.cv_neutral_reference;

console.log(JSON.stringify({
  labels: LABELS,
  face: { mean: mean(faces), n: faces.length, source: 'FER2013 PublicTest neutral faces (validation), face crops' },
  voice: { mean: voice.probs, n: voice.clips, source: 'RAVDESS neutral clips (01), held-out fold models (voice card cv_neutral_reference)' },
}, null, 1));
