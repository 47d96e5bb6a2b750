// The real app in headless Chromium (SwiftShader WebGL2) with a fake camera and microphone, served
// from a sub-path the way GitHub Pages serves it. Asserts on the app's published state
// (window.attuneState), not only on the page having loaded.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cpSync, mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

import { startServer } from '../../tools/serve.mjs';
import { clickStart, evaluateQuietly, launchBrowser, openPage, waitForState } from '../support/browser.mjs';
import { writeToneMedia } from '../support/fake_media.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(root, 'dist');
const scratch = join(root, 'build', 'browser-tests');
const screenshots = join(root, 'build', 'screenshots');
let video, audio;  // the fake camera and microphone (writeToneMedia)

// YuNet at 256x192 (the 320x240 frame scaled by 0.8): 32x24, 16x12 and 8x6 anchors.
const DETECTOR_OUTPUTS = {
  cls_8: [1, 768, 1], cls_16: [1, 192, 1], cls_32: [1, 48, 1],
  obj_8: [1, 768, 1], obj_16: [1, 192, 1], obj_32: [1, 48, 1],
  bbox_8: [1, 768, 4], bbox_16: [1, 192, 4], bbox_32: [1, 48, 4],
  kps_8: [1, 768, 10], kps_16: [1, 192, 10], kps_32: [1, 48, 10],
};

before(() => {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  mkdirSync(screenshots, { recursive: true });
  ({ video, audio } = writeToneMedia(scratch));
});

async function withApp({ root: siteRoot = dist, base = '/attune/', beforeNavigation } = {}, body) {
  const { server, url } = await startServer({ root: siteRoot, port: 0, base, quiet: true });
  const context = await launchBrowser({ video, audio });
  try {
    const { page, log } = await openPage(context, url, { beforeNavigation });
    await body({ page, log, url });
  } finally {
    await context.close();
    server.close();
  }
}

function assertSameOrigin(requests, url) {
  const origin = new URL(url).origin;
  const foreign = requests.filter((r) => !r.startsWith('data:') && !r.startsWith('blob:') && new URL(r).origin !== origin);
  assert.deepEqual(foreign, [], 'requests that left the page origin');
}

test('start captures camera and microphone and runs the face detector through the ORT bridge', async () => {
  await withApp({}, async ({ page, log, url }) => {
    const first = await waitForState(page, (s) => s.frame > 3, { what: 'the frame loop' });
    assert.equal(first.capturing, false);
    assert.equal(first.camera.state, 'off');

    await clickStart(page);
    const live = await waitForState(page, (s) => s.detector.runs >= 2 && s.microphone.samples > 0,
      { what: 'detector runs and microphone samples', timeout: 90000 });
    assert.equal(live.capturing, true);
    assert.equal(live.camera.state, 'live');
    assert.equal(live.microphone.state, 'live');
    assert.ok([44100, 48000].includes(live.microphone.sample_rate), `sample rate ${live.microphone.sample_rate}`);
    assert.ok(live.frames_grabbed >= 2);
    assert.equal(live.models.face_detector.state, 'ready');
    assert.equal(live.detector.error, '');
    const shapes = Object.fromEntries(live.detector.outputs.map((o) => [o.name, o.dims]));
    assert.deepEqual(shapes, DETECTOR_OUTPUTS);

    // The frame loop keeps running (it never waits on inference).
    const later = await waitForState(page, (s) => s.frame > live.frame + 10 && s.detector.runs > live.detector.runs,
      { what: 'more frames and detector runs' });
    assert.ok(later.frames_grabbed > live.frames_grabbed);

    await page.screenshot({ path: join(screenshots, 'started.png') });
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.consoleErrors, []);
    assertSameOrigin(log.requests, url);
  });
});

test('a missing face detector shows a readable message and the app keeps working', async () => {
  const site = join(scratch, 'dist-missing-model');
  cpSync(dist, site, { recursive: true });
  unlinkSync(join(site, 'models', 'face_detector.onnx'));
  await withApp({ root: site, base: '/' }, async ({ page, log }) => {
    const failed = await waitForState(page, (s) => s.models && s.models.face_detector.state === 'failed',
      { what: 'the model load to fail' });
    assert.match(failed.models.face_detector.error, /HTTP 404/);
    await clickStart(page);
    const running = await waitForState(page, (s) => s.camera.state === 'live' && s.frames_grabbed > 2 && s.frame > failed.frame + 10,
      { what: 'camera frames without a detector', timeout: 90000 });
    assert.equal(running.detector.runs, 0);
    await page.screenshot({ path: join(screenshots, 'model-missing.png') });
    assert.deepEqual(log.pageErrors, []);
    // The only console error is the browser's own report of the 404.
    assert.ok(log.consoleErrors.every((e) => /404/.test(e)), log.consoleErrors.join('\n'));
  });
});

// ONNX Runtime Web's first session creation fails as WebKit's once did in CI (nothing said,
// "ERROR_CODE: 0"): the bridge tries once more, and every model is ready. The page's own ort is wrapped
// as the script defines it.
test('a model whose session fails once to be created is ready after the second try', async () => {
  const failFirstCreate = () => {
    let runtime;
    window.failedSessionCreates = 0;
    Object.defineProperty(window, 'ort', {
      configurable: true,
      get: () => runtime,
      set: (value) => {
        runtime = value;
        const sessions = value.InferenceSession;
        const create = sessions.create.bind(sessions);
        sessions.create = (...args) => {
          if (window.failedSessionCreates > 0) return create(...args);
          window.failedSessionCreates += 1;
          return Promise.reject(new Error("Can't create a session. ERROR_CODE: 0, ERROR_MESSAGE: "));
        };
      },
    });
  };
  await withApp({ beforeNavigation: (page) => page.addInitScript(failFirstCreate) }, async ({ page, log }) => {
    const ready = await waitForState(page, (s) => s.models && Object.values(s.models).every((m) => m.state === 'ready'),
      { what: 'every model ready', show: (s) => s.models });
    assert.deepEqual(Object.keys(ready.models).sort(), ['face_detector', 'face_emotion', 'voice_emotion']);
    assert.equal(await evaluateQuietly(page, 'window.failedSessionCreates'), 1, 'one creation failed on the way');
    assert.deepEqual(log.pageErrors, []);
  });
});

test('a corrupt face detector file is reported as not a usable model', async () => {
  const site = join(scratch, 'dist-corrupt-model');
  cpSync(dist, site, { recursive: true });
  writeFileSync(join(site, 'models', 'face_detector.onnx'), Buffer.from('this is not an onnx model'.repeat(100)));
  await withApp({ root: site, base: '/attune/' }, async ({ page, log }) => {
    const failed = await waitForState(page, (s) => s.models && s.models.face_detector.state === 'failed',
      { what: 'the model load to fail' });
    assert.match(failed.models.face_detector.error, /not a usable ONNX model/);
    const later = await waitForState(page, (s) => s.frame > failed.frame + 10, { what: 'the frame loop to go on' });
    assert.equal(later.models.face_detector.state, 'failed');
    assert.deepEqual(log.pageErrors, []);
  });
});
