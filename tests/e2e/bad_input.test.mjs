// Bad input to the real app: each case must end in a clear message (in the app's published state,
// which the UI draws) and a working app (the frame loop goes on, the other device keeps working, no
// page error). Cases covered elsewhere, not repeated here:
//   camera denied, microphone denied ........ tests/browser/voice.test.mjs (each leaves the other working)
//   both denied .............................. below (one session with both refused)
//   tab hidden (devices released) ........... tests/browser/states.test.mjs
//   a 404 model, a corrupt model ............. tests/browser/app.test.mjs
//   a malformed catalog ...................... tests/browser/music.test.mjs
//   silence .................................. tests/browser/voice.test.mjs ("no speech", no label)
//   no WebGL2 ................................ tests/browser/states.test.mjs
// Added here: both devices denied, camera and microphone unplugged mid-session (one, then the other),
// a black video, a face too small to detect, two faces, a small face in a dark room, clipping (too loud) audio
// and speech in a noisy room (and recorded speech and a close face in ordinary light reported as neither).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

import { startServer } from '../../tools/serve.mjs';
import { clickStart, launchBrowser, openPage, waitForState } from '../support/browser.mjs';
import { loadCore } from '../../tools/core_module.mjs';
import { composeFrame, decodeFace, dimLight, drawFrameMarker, ferFaces, H, W } from '../support/face_video.mjs';
import { readWavSamples, rgbToYuv420, writeWav, writeY4m } from '../support/fake_media.mjs';
import { collectSamples, recordMediaStreams, startSampling, unplug, watchFrameMarker } from '../support/media_hooks.mjs';
import { ravdessClip } from '../support/ravdess.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = join(root, 'build', 'e2e-tests', 'bad_input');
const SEGMENT_S = 6;
const TWO_FACES = [{ left: 15, top: 50, size: 130 }, { left: 185, top: 60, size: 110 }];
const SMALL_FACE = { left: 150, top: 100, size: 20 };  // the zoom finds it, in a box under FacePipelineConfig::min_face_width
// A face of 64 px in the bench's dim light (tools/face_frames.mjs dimLight, each frame its own sensor noise): where the
// face reading is 8 points worse than in ordinary light (core/vision/dim_face_flag.h). YuNet boxes this one at ~34 px.
const DIM_FACE = { left: 200, top: 60, size: 64 };
const files = {};

before(async () => {
  mkdirSync(scratch, { recursive: true });
  const faces = ferFaces(['fer2013/val/happy/PublicTest_58895662.jpg', 'fer2013/val/angry/PublicTest_12693575.jpg'], join(scratch, 'fer'));
  const speech = ravdessClip('Actor_19/03-01-05-02-01-01-19.wav', scratch);
  if (!faces || !speech) return;
  const core = await loadCore();
  const [happy, angry] = faces.map((f) => decodeFace(core, f));
  const fps = 10;
  // Camera clip 1: a face (the unplug session). Clip 2: two faces for 6 s, then one too small for 6 s.
  const oneFace = Array.from({ length: fps }, () => rgbToYuv420(composeFrame(happy, 85, 45), W, H));
  writeY4m(files.face = join(scratch, 'face.y4m'), W, H, fps, oneFace);
  const two = composeFrame(angry, TWO_FACES[1].left, TWO_FACES[1].top, TWO_FACES[1].size,
    composeFrame(happy, TWO_FACES[0].left, TWO_FACES[0].top, TWO_FACES[0].size));
  const small = composeFrame(happy, SMALL_FACE.left, SMALL_FACE.top, SMALL_FACE.size);
  // Each segment marks its top-left 8x8 pixels, dark with two faces and bright with the small one, so the test
  // knows when each reached the page (media_hooks.mjs watchFrameMarker), however far a loaded machine's fake
  // camera falls behind the page clock.
  const frames = [...Array(fps * SEGMENT_S).fill(drawFrameMarker(two, 0)), ...Array(fps * SEGMENT_S).fill(drawFrameMarker(small, 255))]
    .map((rgb) => rgbToYuv420(rgb, W, H));
  writeY4m(files.twoThenSmall = join(scratch, 'two_then_small.y4m'), W, H, fps, frames);
  writeY4m(files.black = join(scratch, 'black.y4m'), W, H, fps, [rgbToYuv420(new Uint8Array(W * H * 3), W, H)]);
  const dimFrames = Array.from({ length: 2 * fps }, (_, i) => dimLight(composeFrame(happy, DIM_FACE.left, DIM_FACE.top, DIM_FACE.size), 17 + i));
  writeY4m(files.dimSmallFace = join(scratch, 'dim_small_face.y4m'), W, H, fps, dimFrames.map((rgb) => rgbToYuv420(rgb, W, H)));
  // Microphone: the speech as recorded, and the same 12x louder, clipped at full scale.
  files.speech = speech;
  const { samples, sampleRate } = readWavSamples(speech);
  writeWav(files.clipping = join(scratch, 'clipping.wav'), samples.map((s) => Math.max(-1, Math.min(1, s * 12))), sampleRate);
  // And with pink noise 5 dB under the speech's level (its louder half of 25 ms frames), as noisy_sets.py mixes it.
  const noise = pinkNoise(samples.length, 7);
  const gain = activeRms(samples, sampleRate) / rms(noise) / 10 ** (5 / 20);
  writeWav(files.noisy = join(scratch, 'noisy.wav'), samples.map((s, i) => s + gain * noise[i]), sampleRate);
});

const rms = (x) => Math.sqrt(x.reduce((sum, v) => sum + v * v, 0) / x.length);

// RMS over the louder half of the signal's 25 ms frames: the level of the speech, not of its pauses.
function activeRms(samples, sampleRate) {
  const size = Math.round(0.025 * sampleRate);
  const powers = [];
  for (let at = 0; at + size <= samples.length; at += size) powers.push(rms(samples.subarray(at, at + size)) ** 2);
  powers.sort((a, b) => b - a);
  const louder = powers.slice(0, Math.max(1, powers.length >> 1));
  return Math.sqrt(louder.reduce((a, b) => a + b, 0) / louder.length);
}

// Approximately pink (-3 dB per octave) noise: white noise through three one-pole filters (P. Kellet's
// economical filter), from a seeded generator so that the file is the same every run.
function pinkNoise(count, seed) {
  let state = seed >>> 0;
  const white = () => { state = (Math.imul(state, 1664525) + 1013904223) >>> 0; return state / 2 ** 31 - 1; };
  const out = new Float32Array(count);
  let b0 = 0, b1 = 0, b2 = 0;
  for (let i = 0; i < count; i++) {
    const w = white();
    b0 = 0.99765 * b0 + w * 0.0990460;
    b1 = 0.96300 * b1 + w * 0.2965164;
    b2 = 0.57000 * b2 + w * 1.0526913;
    out[i] = b0 + b1 + b2 + w * 0.1848;
  }
  return out;
}

async function session({ video, audio, denyCamera = false, denyMicrophone = false, models = true }, body) {
  const { server, url } = await startServer({ root: join(root, 'dist'), port: 0, base: '/attune/', quiet: true });
  const context = await launchBrowser({ video, audio, denyCamera, denyMicrophone });
  try {
    await context.addInitScript(recordMediaStreams);
    const { page, log } = await openPage(context, url);
    if (models) {
      await waitForState(page, (s) => ['face_detector', 'face_emotion', 'voice_emotion'].every((m) => s.models[m].state === 'ready'),
        { what: 'the models', timeout: 90000 });
    }
    await clickStart(page);
    await body(page);
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.consoleErrors, []);
  } finally {
    await context.close();
    server.close();
  }
}

// The frame loop still runs: the published frame counter moves on.
async function assertAlive(page) {
  const { frame } = await page.evaluate(() => window.attuneState);
  await waitForState(page, (s) => s.frame > frame + 5, { what: 'the frame loop going on' });
}

// Beside the senses (the wide layout) a reliability note is under that sense's bars only; at phone size the
// senses move below the tracks, so the mood summary says it in short, on the first screen.
async function expectPhoneCaveat(page, noteOn) {
  const wide = await page.evaluate(() => window.attuneState);
  assert.equal(wide.layout.mode, 'wide');
  assert.equal(wide.ui['mood-caveats'], undefined, 'no short caveat beside the senses');
  await page.setViewportSize({ width: 390, height: 844 });
  const phone = await waitForState(page, (st) => st.layout.mode === 'narrow' && st.ui['mood-caveats'] && noteOn(st),
    { what: 'the short caveat in the mood summary at phone size', timeout: 30000 });
  const caveat = phone.ui['mood-caveats'];
  assert.ok(caveat.visible && caveat.y >= 0 && caveat.y + caveat.h <= 844, `on the first screen: ${JSON.stringify(caveat)}`);
}

test('camera and microphone unplugged mid-session: each is reported, its reading goes, the rest works on', async (t) => {
  if (!files.speech) { t.skip('../shared/data is not on this machine'); return; }
  await session({ video: files.face, audio: files.speech }, async (page) => {
    const both = await waitForState(page, (s) => s.face.label && s.voice.label && s.mood.available, { what: 'face and voice readings', timeout: 90000 });
    assert.equal(both.voice.clipping, false, 'the recorded speech does not clip');
    assert.equal(both.voice.noisy, false, `the recorded speech is not in a noisy room (${both.voice.speech_to_noise_db} dB over it)`);
    assert.equal(both.face.dim_small_face, false, `a close face in ordinary light (gamma ${both.face.exposure_gamma}, box ${both.face.box})`);
    await unplug(page, 'video');
    const noCamera = await waitForState(page, (s) => s.camera.state === 'ended', { what: 'the camera reported gone' });
    assert.equal(noCamera.camera.message, 'device disconnected');
    const cleared = await waitForState(page, (s) => s.face.label === null, { what: 'the face reading cleared' });
    assert.equal(cleared.face.state, 'no_face');
    const analyses = cleared.voice.analyses;
    const voiceOnly = await waitForState(page, (s) => s.voice.analyses >= analyses + 2 && s.mood.status === 'voice only',
      { what: 'the voice going on alone', timeout: 30000 });
    assert.equal(voiceOnly.microphone.state, 'live');

    await unplug(page, 'audio');
    const none = await waitForState(page, (s) => s.microphone.state === 'ended', { what: 'the microphone reported gone' });
    assert.equal(none.microphone.message, 'device disconnected');
    const silent = await waitForState(page, (s) => s.voice.label === null, { what: 'the voice reading cleared' });
    assert.equal(silent.camera.state, 'ended');
    await assertAlive(page);
  });
});

test('camera and microphone both denied: both reported, the app keeps running', async () => {
  await session({ video: files.black, audio: files.speech, denyCamera: true, denyMicrophone: true, models: false }, async (page) => {
    const s = await waitForState(page, (st) => st.camera.state === 'denied' && st.microphone.state === 'denied', { what: 'both denied' });
    assert.equal(s.camera.message, 'permission denied');
    assert.equal(s.microphone.message, 'permission denied');
    assert.equal(s.mood.available, false);
    await assertAlive(page);
  });
});

test('a black video says "no face" and clipping audio says the microphone is too loud', async (t) => {
  if (!files.speech) { t.skip('../shared/data is not on this machine'); return; }
  await session({ video: files.black, audio: files.clipping }, async (page) => {
    const s = await waitForState(page, (st) => st.detector.runs >= 5 && st.voice.analyses >= 3 && st.voice.clipping,
      { what: 'detector runs on black frames and a clipping warning', timeout: 90000 });
    assert.equal(s.face.state, 'no_face');
    assert.equal(s.face.label, null);
    assert.equal(s.camera.state, 'live');
    await assertAlive(page);
  });
});

test('speech in a noisy room (pink noise 5 dB under it) says voice readings are less reliable', async (t) => {
  if (!files.speech) { t.skip('../shared/data is not on this machine'); return; }
  await session({ video: files.black, audio: files.noisy }, async (page) => {
    const s = await waitForState(page, (st) => st.voice.analyses >= 3 && st.voice.noisy,
      { what: 'the noisy-room note', timeout: 90000 });
    assert.ok(s.voice.speech_to_noise_db < 15, `speech ${s.voice.speech_to_noise_db} dB over the noise`);
    assert.equal(s.voice.clipping, false);
    // A screen reader is told too (the page's live region).
    await page.waitForFunction(() => /noisy here/.test(document.getElementById('a11y-status').textContent), null, { timeout: 30000 });
    t.diagnostic(`speech ${s.voice.speech_to_noise_db.toFixed(1)} dB over the noise; voice ${s.voice.state}, label ${s.voice.label}`);
    mkdirSync(join(root, 'build', 'screenshots'), { recursive: true });
    await page.screenshot({ path: join(root, 'build', 'screenshots', 'voice-noisy-room.png') });
    await expectPhoneCaveat(page, (st) => st.voice.noisy);
    await assertAlive(page);
  });
});

test('a small face in a dark room says face readings are less reliable and what helps', async (t) => {
  if (!files.speech) { t.skip('../shared/data is not on this machine'); return; }
  await session({ video: files.dimSmallFace, audio: files.speech }, async (page) => {
    const s = await waitForState(page, (st) => st.face.state === 'tracking' && st.face.dim_small_face,
      { what: 'the dark-room note on a small face', timeout: 90000 });
    assert.ok(s.face.exposure_gamma <= 0.775, `the frame was lifted (gamma ${s.face.exposure_gamma})`);
    assert.ok(s.face.box[2] < 72, `a small face's box (${s.face.box})`);
    await page.waitForFunction(() => /dark and the face is small/.test(document.getElementById('a11y-status').textContent), null,
      { timeout: 30000 });
    t.diagnostic(`gamma ${s.face.exposure_gamma.toFixed(2)}, box ${s.face.box.map((v) => v.toFixed(0))}, label ${s.face.label}`);
    mkdirSync(join(root, 'build', 'screenshots'), { recursive: true });
    await page.screenshot({ path: join(root, 'build', 'screenshots', 'face-dim-small.png') });
    await expectPhoneCaveat(page, (st) => st.face.dim_small_face);
    await page.screenshot({ path: join(root, 'build', 'screenshots', 'face-dim-small-phone.png') });
    await assertAlive(page);
  });
});

test('two faces: one box that stays on one face; a face too small to read: "no face", no label', async (t) => {
  if (!files.speech) { t.skip('../shared/data is not on this machine'); return; }
  await session({ video: files.twoThenSmall, audio: files.speech }, async (page) => {
    await waitForState(page, (s) => s.camera.state === 'live', { what: 'the camera' });
    await watchFrameMarker(page);
    await startSampling(page);
    // One loop of the clip as the page saw it: the small face's segment began (bright marker) and ended
    // (dark again). Clip time is read from the marker, not from the page clock since the camera started:
    // on a loaded machine a sample 10.6 s into the loop by that clock (the small face's segment) once
    // still showed the two faces' box.
    await page.waitForFunction(() => {
      const marker = window.attuneTestMedia.marker;
      const bright = marker.findIndex((m) => m.bright);
      return bright >= 0 && marker.slice(bright).some((m) => !m.bright);
    }, null, { timeout: 60000, polling: 200 });
    const samples = await collectSamples(page);
    const marker = samples.at(-1).marker;
    const smallStart = marker.find((m) => m.bright).t;
    const smallEnd = marker.find((m) => !m.bright && m.t > smallStart).t;
    // The first showing of two faces: from 2 s after the camera started (the clip starts there) to the
    // small face's first frame; the small face: from 2 s after its first frame to 0.5 s before the loop's.
    const started = samples[0].started.video;
    const twoSeg = samples.filter((x) => x.t >= started + 2000 && x.t < smallStart);
    const smallSeg = samples.filter((x) => x.t >= smallStart + 2000 && x.t < smallEnd - 500);
    assert.ok(twoSeg.length >= 3 && smallSeg.length >= 3, `samples: ${twoSeg.length} with two faces, ${smallSeg.length} small`);
    t.diagnostic(`the small face reached the page ${((smallStart - started) / 1000).toFixed(2)} s after the camera started, ` +
      `the loop ${((smallEnd - started) / 1000).toFixed(2)} s (the clip: ${SEGMENT_S} and ${2 * SEGMENT_S} s)`);
    // Which pasted face a box sits on (its centre inside the face's square), or -1.
    const faceUnder = ([x, y, w, h]) => TWO_FACES.findIndex((f) =>
      x + w / 2 > f.left && x + w / 2 < f.left + f.size && y + h / 2 > f.top && y + h / 2 < f.top + f.size);
    const read = twoSeg.filter((x) => x.s.face.label && x.s.face.box);
    assert.ok(read.length >= twoSeg.length / 2, `two faces: read in ${read.length} of ${twoSeg.length} samples`);
    // Within one showing of the two faces the box stays on one of them (which one may differ between
    // showings: the search that finds them runs upright or turned, depending on where it is when they appear).
    const under = new Set(read.map((x) => faceUnder(x.s.face.box)));
    assert.equal(under.size, 1, `two faces: the box stays on one face (faces under it: ${[...under]})`);
    assert.ok(!under.has(-1), 'two faces: the box is on a face');
    for (const x of smallSeg) {
      const seen = `${((x.t - smallStart) / 1000).toFixed(2)} s into the small face's segment: ${JSON.stringify(x.s.face)}`;
      assert.equal(x.s.face.state, 'no_face', seen);
      assert.equal(x.s.face.label, null, seen);
    }
  });
});
