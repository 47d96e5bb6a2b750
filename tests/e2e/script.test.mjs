// End to end: the real app in headless Chromium, its camera and microphone fed a scripted clip
// (tests/support/script_media.mjs: happy, sad, angry, neutral for 8 s each, then no face and
// silence; FER2013 PublicTest faces and RAVDESS sentences). The test samples window.attuneState
// through one loop of the clip and checks that face, voice and fused readings follow the script.
//
// Delay and accuracy, stated: a segment is judged on the samples from `delay` after its start to its
// end (face 2.5 s; voice 4 s, since a 3 s analysis window must first fill with the new clip; fused
// 4 s). A segment passes when its most frequent reading there is the scripted one. A modality passes
// with at least 4 of the 5 segments (face, voice: the no-face/silence segment must read null) and
// the fused mood with at least 3 of the 4 emotion segments, read as the sign of valence and arousal.
//
// The material is validation data the offline pipeline reads correctly (see script_media.mjs); the
// RAVDESS sentences come from actors 01-20, which the shipped voice model saw in training (its
// held-out figures are the 5-fold-by-actor ones in models/voice_emotion.json). This checks the live
// pipeline: capture, timing, the stages and fusion, not how well the models generalise.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

import { createClassifier } from '../../tools/classify.mjs';
import { startServer } from '../../tools/serve.mjs';
import { clickStart, launchBrowser, openPage, waitForState } from '../support/browser.mjs';
import { loadCore } from '../../tools/core_module.mjs';
import { collectSamples, recordMediaStreams, startSampling } from '../support/media_hooks.mjs';
import { SCRIPT, writeScriptMedia } from '../support/script_media.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = join(root, 'build', 'e2e-tests', 'script');
const DELAY_S = { face: 2.5, voice: 4, fused: 4 };
// Where the lexicon puts each scripted emotion (src/core/emotion.cpp, NRC VAD): the fused mood must
// fall on the same side of zero. Neutral's valence is near zero, so only its arousal is checked.
const FUSED_SIDE = { happy: { valence: 1, arousal: 1 }, sad: { valence: -1, arousal: -1 },
                     angry: { valence: -1, arousal: 1 }, neutral: { arousal: -1 } };
let media = null;

before(async () => {
  mkdirSync(scratch, { recursive: true });
  media = await writeScriptMedia(await loadCore(), await createClassifier(), scratch);
});

// The most frequent value of `values` (null counts as a value), or undefined when there are none.
function mostFrequent(values) {
  const counts = new Map();
  for (const v of values) counts.set(v, (counts.get(v) || 0) + 1);
  let best, bestCount = 0;
  for (const [v, n] of counts) if (n > bestCount) { best = v; bestCount = n; }
  return best;
}

function fusedSide(mood) {
  if (!mood.available) return null;
  const side = (x) => (x > 0 ? 1 : -1);
  return `${side(mood.va.valence)},${side(mood.va.arousal)}`;
}

// Samples of one modality judged per segment: [{segment, expected, shown, n}].
function judge(samples, { clock, delay, read, expect }) {
  const segments = [...SCRIPT, null].map((emotion, k) => ({ k, emotion, values: [] }));
  for (const { t, s, started } of samples) {
    const at = (t - started[clock]) / 1000;
    const k = Math.floor(at / media.seconds) % segments.length;
    if (at - Math.floor(at / media.seconds) * media.seconds >= delay) segments[k].values.push(read(s));
  }
  return segments.map(({ emotion, values }) => ({ expected: expect(emotion), shown: mostFrequent(values), n: values.length }));
}

test('face, voice and fused readings follow a scripted clip of emotions', async (t) => {
  if (!media) { t.skip('../shared/data (FER2013, RAVDESS) is not on this machine'); return; }
  t.diagnostic(`faces ${media.faces.join(', ')}; voices ${media.voices.join(', ')}`);
  const { server, url } = await startServer({ root: join(root, 'dist'), port: 0, base: '/attune/', quiet: true });
  const context = await launchBrowser({ video: media.video, audio: media.audio });
  try {
    await context.addInitScript(recordMediaStreams);
    const { page, log } = await openPage(context, url);
    await waitForState(page, (s) => ['face_detector', 'face_emotion', 'voice_emotion'].every((m) => s.models[m].state === 'ready'),
      { what: 'the models', timeout: 90000 });
    await clickStart(page);
    await waitForState(page, (s) => s.camera.state === 'live' && s.microphone.state === 'live', { what: 'live devices', timeout: 60000 });
    await startSampling(page);
    await page.waitForTimeout((media.loopSeconds + 1) * 1000);  // one loop of the clip
    const samples = await collectSamples(page);
    writeFileSync(join(scratch, 'samples.json'), JSON.stringify(samples));  // for a look after a failure
    const face = judge(samples, { clock: 'video', delay: DELAY_S.face, read: (s) => s.face.label, expect: (e) => e });
    const voice = judge(samples, { clock: 'audio', delay: DELAY_S.voice, read: (s) => s.voice.label, expect: (e) => e });
    const fused = judge(samples, { clock: 'video', delay: DELAY_S.fused, read: (s) => fusedSide(s.mood), expect: (e) => e })
      .slice(0, SCRIPT.length);
    const fusedOk = fused.map((seg, k) => {
      const want = FUSED_SIDE[SCRIPT[k]];
      if (!seg.shown) return false;
      const [v, a] = seg.shown.split(',').map(Number);
      return (want.valence === undefined || want.valence === v) && want.arousal === a;
    });
    const report = { face, voice, fused: fused.map((seg, k) => ({ ...seg, expected: SCRIPT[k], ok: fusedOk[k] })) };
    t.diagnostic(JSON.stringify(report));
    const hits = (segs) => segs.filter((seg) => seg.n > 0 && seg.shown === seg.expected).length;
    assert.ok(hits(face) >= 4, `face followed ${hits(face)} of 5 segments: ${JSON.stringify(face)}`);
    assert.ok(hits(voice) >= 4, `voice followed ${hits(voice)} of 5 segments: ${JSON.stringify(voice)}`);
    assert.ok(fusedOk.filter(Boolean).length >= 3, `fused mood followed ${fusedOk.filter(Boolean).length} of 4: ${JSON.stringify(report.fused)}`);
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.consoleErrors, []);
  } finally {
    await context.close();
    server.close();
  }
});
