// The microphone path of the real app: a RAVDESS clip as the fake microphone must reach the voice
// model through the AudioWorklet, the resampler, the VAD and the feature extractor and show its
// label; silence must show "no speech" (never a label); a denied device leaves the other working.
//
// The clip (actor 19, angry, strong intensity) is one the shipped model classifies confidently; this
// checks the live pipeline end to end. How well the model generalises is measured speaker-
// independently in training (models/voice_emotion.json), not here.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

import { startServer } from '../../tools/serve.mjs';
import { clickStart, launchBrowser, openPage, waitForState } from '../support/browser.mjs';
import { gradientFrames, writeWav, writeY4m } from '../support/fake_media.mjs';
import { ravdessClip } from '../support/ravdess.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = join(root, 'build', 'browser-tests', 'voice');
const screenshots = join(root, 'build', 'screenshots');
const video = join(scratch, 'gradient.y4m');
const silence = join(scratch, 'silence.wav');
let angry = null;

before(() => {
  mkdirSync(scratch, { recursive: true });
  mkdirSync(screenshots, { recursive: true });
  writeY4m(video, 320, 240, 15, gradientFrames(320, 240, 15));
  writeWav(silence, new Float32Array(48000 * 4), 48000);
  angry = ravdessClip('Actor_19/03-01-05-02-01-01-19.wav', scratch);
});

async function session(options, body) {
  const { server, url } = await startServer({ root: join(root, 'dist'), port: 0, base: '/attune/', quiet: true });
  const context = await launchBrowser({ video, ...options });
  try {
    const { page, log } = await openPage(context, url);
    await waitForState(page, (s) => s.models && s.models.voice_emotion && s.models.voice_emotion.state === 'ready',
      { what: 'the voice model' });
    await clickStart(page);
    await body(page, log);
  } finally {
    await context.close();
    server.close();
  }
}

test('a RAVDESS clip as the microphone shows its emotion', async (t) => {
  if (!angry) { t.skip('../shared/data/ravdess is not on this machine'); return; }
  await session({ audio: angry }, async (page, log) => {
    const s = await waitForState(page, (st) => st.voice.label !== null, { what: 'a voice label', timeout: 90000 });
    assert.equal(s.voice.state, 'speech');
    assert.equal(s.voice.label, 'angry');
    assert.ok(s.voice.probs.angry > 0.5, `p(angry) ${s.voice.probs.angry}`);
    const fused = await waitForState(page, (st) => st.mood.available, { what: 'the fused mood' });
    assert.equal(fused.mood.status, 'voice only');
    assert.ok(fused.mood.va.arousal > 0, 'angry speech is aroused');
    await page.screenshot({ path: join(screenshots, 'voice-angry.png') });
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.consoleErrors, []);
  });
});

test('silence as the microphone gives "no speech" and no label', async () => {
  await session({ audio: silence }, async (page, log) => {
    const s = await waitForState(page, (st) => st.voice.analyses >= 3, { what: 'three analysed windows', timeout: 90000 });
    assert.equal(s.voice.state, 'no_speech');
    assert.equal(s.voice.label, null);
    assert.equal(s.mood.available, false);
    assert.deepEqual(log.pageErrors, []);
  });
});

test('a denied microphone leaves the camera working and says face-only mode', async () => {
  await session({ audio: silence, denyMicrophone: true }, async (page, log) => {
    const s = await waitForState(page, (st) => st.microphone.state === 'denied' && st.camera.state === 'live' && st.frames_grabbed > 3,
      { what: 'denied microphone, live camera', timeout: 90000 });
    assert.equal(s.microphone.message, 'permission denied');
    assert.ok(s.detector.runs > 0);
    await page.screenshot({ path: join(screenshots, 'microphone-denied.png') });
    assert.deepEqual(log.pageErrors, []);
  });
});

test('a denied camera leaves the microphone working and says voice-only mode', async () => {
  await session({ audio: silence, denyCamera: true }, async (page, log) => {
    const s = await waitForState(page, (st) => st.camera.state === 'denied' && st.microphone.state === 'live' && st.voice.analyses > 0,
      { what: 'denied camera, live microphone', timeout: 90000 });
    assert.equal(s.camera.message, 'permission denied');
    assert.equal(s.frames_grabbed, 0);
    await page.screenshot({ path: join(screenshots, 'camera-denied.png') });
    assert.deepEqual(log.pageErrors, []);
  });
});
