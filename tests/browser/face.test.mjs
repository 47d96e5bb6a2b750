// The camera path of the real app with a fake camera made of FER2013 PublicTest faces (validation
// data) moving a little on a background, one face per segment, then no face. For each segment the
// app must put the face box on the face and show the label that the offline pipeline (the Node
// classifier: same C++ and models) gives for that segment; with no face it must say "no face" and
// show no label. This checks the live pipeline; the model's accuracy is in its card.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

import { createClassifier } from '../../tools/classify.mjs';
import { startServer } from '../../tools/serve.mjs';
import { loadCore } from '../../tools/core_module.mjs';
import { clickStart, launchBrowser, openPage, waitForState } from '../support/browser.mjs';
import { writeWav } from '../support/fake_media.mjs';
import { ferFaces, labelSegments, writeFaceClip } from '../support/face_video.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = join(root, 'build', 'browser-tests', 'face');
const screenshots = join(root, 'build', 'screenshots');
const FACES = [
  'fer2013/val/happy/PublicTest_10248771.jpg',
  'fer2013/val/surprise/PublicTest_10984020.jpg',
  'fer2013/val/neutral/PublicTest_10594126.jpg',
];
let clip = null;

before(async () => {
  mkdirSync(scratch, { recursive: true });
  mkdirSync(screenshots, { recursive: true });
  const files = ferFaces(FACES, join(scratch, 'data'));
  if (!files) return;
  const core = await loadCore();
  const video = join(scratch, 'faces.y4m');
  const { segments } = writeFaceClip(core, video, files, { fps: 10, secondsPerSegment: 5 });
  // What the offline pipeline says for each face, on a frame of the segment.
  await labelSegments(core, await createClassifier(), segments);
  const audio = join(scratch, 'silence.wav');
  writeWav(audio, new Float32Array(48000 * 2), 48000);
  clip = { video, audio, segments };
});

test('each face segment shows the face box on the face and its label; no face shows "no face"', async (t) => {
  if (!clip) { t.skip('../shared/data/fer2013 is not on this machine'); return; }
  const expected = clip.segments.filter((s) => s.file).map((s) => s.expected);
  assert.equal(new Set(expected).size, expected.length, `the segments should differ: ${expected}`);
  const { server, url } = await startServer({ root: join(root, 'dist'), port: 0, base: '/attune/', quiet: true });
  const context = await launchBrowser({ video: clip.video, audio: clip.audio });
  try {
    const { page, log } = await openPage(context, url);
    await waitForState(page, (s) => s.models.face_emotion && s.models.face_emotion.state === 'ready', { what: 'the face model' });
    await clickStart(page);
    await waitForState(page, (s) => s.face.classifications > 0, { what: 'a first expression reading', timeout: 90000 });
    // Watch a little more than one loop of the clip (3 faces + 1 empty segment, 5 s each).
    const seen = [];
    const started = Date.now();
    while (Date.now() - started < 26000) {
      const s = await page.evaluate(() => window.attuneState);
      seen.push({ state: s.face.state, label: s.face.label, box: s.face.box });
      if (seen.length === 40) await page.screenshot({ path: join(screenshots, 'face.png') });
      await page.waitForTimeout(250);
    }
    // A label is "shown" when it stays for at least three consecutive observations.
    const stable = new Set();
    for (let i = 2; i < seen.length; i++)
      if (seen[i].label && seen[i].label === seen[i - 1].label && seen[i].label === seen[i - 2].label) stable.add(seen[i].label);
    for (const label of expected) assert.ok(stable.has(label), `expected "${label}" among the labels shown: ${[...stable]}`);
    // The empty segment: "no face" and no label.
    assert.ok(seen.some((o) => o.state === 'no_face'), 'the no-face segment was seen');
    for (const o of seen) if (o.state === 'no_face') assert.equal(o.label, null);
    // The box sits on the face (pasted at x 80..240, y 42..198 with its drift).
    for (const o of seen.filter((x) => x.box)) {
      const [x, y, w, h] = o.box;
      const cx = x + w / 2, cy = y + h / 2;
      assert.ok(cx > 100 && cx < 220 && cy > 60 && cy < 190 && w > 60 && w < 200, `box ${o.box}`);
    }
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.consoleErrors, []);
  } finally {
    await context.close();
    server.close();
  }
});
