// A first visitor's whole path through the real app, with a fake camera (a FER2013 PublicTest face
// moving on a background) and a fake microphone (a RAVDESS recording), nothing injected:
// first visit -> Start -> face, voice and fused emotions shown -> recommendations -> thumbs up ->
// reload -> the like and the chosen text size are still there -> forget -> both gone.
// Screenshots of each step land in build/screenshots/walkthrough-*.png.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

import { createClassifier } from '../../tools/classify.mjs';
import { startServer } from '../../tools/serve.mjs';
import { loadCore } from '../../tools/core_module.mjs';
import {
  clickStart, clickTarget, evaluateQuietly, hasBeenActivated, launchBrowser, openPage, quietScreenshot, waitForState,
} from '../support/browser.mjs';
import { composeFrame, decodeFace, ferFaces, H, W, writeFaceClip } from '../support/face_video.mjs';
import { ravdessClip } from '../support/ravdess.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = join(root, 'build', 'browser-tests', 'walkthrough');
const screenshots = join(root, 'build', 'screenshots');
const HAPPY_FACE = 'fer2013/val/happy/PublicTest_10248771.jpg';
const HAPPY_VOICE = 'Actor_19/03-01-03-02-01-01-19.wav';  // RAVDESS: emotion 03 (happy), strong intensity
let media = null;

before(async () => {
  mkdirSync(scratch, { recursive: true });
  mkdirSync(screenshots, { recursive: true });
  const faces = ferFaces([HAPPY_FACE], join(scratch, 'data'));
  const audio = ravdessClip(HAPPY_VOICE, scratch);
  if (!faces || !audio) return;
  const core = await loadCore();
  const video = join(scratch, 'happy.y4m');
  // One long face segment (the clip's closing no-face segment comes round every 15 s).
  const { segments } = writeFaceClip(core, video, faces, { fps: 10, secondsPerSegment: 12 });
  const face = segments[0];
  const rgb = composeFrame(decodeFace(core, face.file), face.left, face.top);
  const rgba = new Uint8Array(W * H * 4);
  for (let i = 0; i < W * H; i++) rgba.set([rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2], 255], i * 4);
  const expectedFace = (await (await createClassifier()).faceFrame(rgba, W, H)).label;
  media = { video, audio, expectedFace };
});

// Read without a user activation (see evaluateQuietly): the click on Start must be the page's first.
const attuneKeys = (page) => evaluateQuietly(page, "Object.keys(localStorage).filter((k) => k.startsWith('attune.')).sort()");

test('first visit -> start -> emotions -> recommendations -> thumbs up -> reload keeps it -> forget removes it', async (t) => {
  if (!media) { t.skip('../shared/data (FER2013 and RAVDESS) is not on this machine'); return; }
  const { server, url } = await startServer({ root: join(root, 'dist'), port: 0, base: '/attune/', quiet: true });
  const context = await launchBrowser({ video: media.video, audio: media.audio });
  try {
    const { page, log } = await openPage(context, url);
    const shot = (name) => page.screenshot({ path: join(screenshots, `walkthrough-${name}.png`) });

    // 1. First visit: nothing captured, nothing stored, a Start button; models and catalog load meanwhile.
    const first = await waitForState(page, (s) => s.ui.start && s.catalog.loaded && s.models.face_emotion.state === 'ready'
      && s.models.voice_emotion.state === 'ready', { what: 'the start screen with models and catalog ready', timeout: 90000 });
    assert.equal(first.capturing, false);
    assert.equal(first.face.label, null);
    assert.equal(first.mood.available, false);
    assert.deepEqual(await attuneKeys(page), []);
    await quietScreenshot(page, join(screenshots, 'walkthrough-1-first-visit.png'));
    assert.equal(await hasBeenActivated(page), false, 'the click on Start is the first user activation (sound starts inside it)');

    // 2. Start: face, voice and the fused emotion appear, each with probabilities.
    await clickStart(page);
    const feeling = await waitForState(page, (s) => s.face.label && s.voice.label && s.mood.label,
      { what: 'face, voice and fused labels', timeout: 120000 });
    assert.equal(feeling.camera.state, 'live');
    assert.equal(feeling.microphone.state, 'live');
    for (const source of [feeling.face, feeling.voice, feeling.mood]) {
      const sum = Object.values(source.probs).reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - 1) < 1e-3, `probabilities sum to ${sum}`);
    }
    assert.ok(feeling.mood.confidence > 0 && feeling.mood.confidence <= 1);
    const happyFace = await waitForState(page, (s) => s.face.label === media.expectedFace,
      { what: `the face label "${media.expectedFace}" (the offline pipeline's reading of this face)`, timeout: 30000 });
    assert.equal(happyFace.mood.modalities, 2, 'both modalities feed the fused mood');
    await shot('2-emotions');

    // 3. Recommendations for that mood, each with a reason.
    const listed = await waitForState(page, (s) => s.recommendations.length === 10 && s.ui.like_0, { what: 'ten recommendations' });
    assert.ok(listed.recommendations.every((r) => r.explanation && r.artist && r.title));

    // 4. Thumbs up on the first track; a larger text size.
    // The liked track is read after the like: the list may re-rank between reading it and the press.
    await clickTarget(page, 'like_0');
    const afterLike = await waitForState(page, (s) => s.feedback_count === 1 && s.recommendations.some((r) => r.vote === 1), { what: 'the like' });
    const liked = afterLike.recommendations.find((r) => r.vote === 1).id;
    await clickTarget(page, 'text_larger');
    const larger = await waitForState(page, (s) => s.text_size === 1.25, { what: 'the larger text size' });
    assert.ok(larger.ui_scale >= 1.25);
    assert.deepEqual(await attuneKeys(page), ['attune.feedback', 'attune.settings']);
    await shot('3-liked');

    // 5. Reload: the like and the text size are still there.
    await page.reload();
    const reloaded = await waitForState(page, (s) => s.catalog.loaded && s.feedback_count === 1, { what: 'the stored like after reload' });
    assert.equal(reloaded.text_size, 1.25);
    assert.ok(JSON.parse(await page.evaluate(() => localStorage.getItem('attune.feedback'))) !== null);
    assert.ok((await page.evaluate(() => localStorage.getItem('attune.feedback'))).includes(liked));
    await shot('4-after-reload');

    // 6. Forget: gone from the app and from the browser.
    await clickTarget(page, 'privacy');
    await clickTarget(page, 'forget');
    const forgotten = await waitForState(page, (s) => s.feedback_count === 0 && s.text_size === 1, { what: 'forgetting' });
    assert.equal(forgotten.privacy.foreign_requests, 0);
    assert.deepEqual(await attuneKeys(page), []);
    await shot('5-forgotten');

    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.consoleErrors, []);
    const origin = new URL(url).origin;
    assert.deepEqual(log.requests.filter((r) => !r.startsWith(origin) && !r.startsWith('data:') && !r.startsWith('blob:')), []);
  } finally {
    await context.close();
    server.close();
  }
});
