// Off means off, even when the person changes their mind while the browser's permission prompt is open.
// An init script holds every getUserMedia answer back (as a person reading the prompt does) and keeps
// every stream the page received; afterwards no track may be live that the app does not show as live,
// and a Start never leaves the previous Start's streams running. Paths: Stop during the prompt, the tab
// hidden during the prompt, a kiosk reset while the microphone's prompt is still open, Start-Stop-Start.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { clickStart, evaluateQuietly, quietAppSession, readState, setPageHidden, waitForState } from '../support/browser.mjs';

const session = quietAppSession('off-means-off');

// Runs in the page before its scripts: answers to getUserMedia arrive `delays[kind]` ms late.
function slowPermissionPrompt(delays) {
  const record = { streams: [] };
  window.attuneTestMedia = record;
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = (constraints) => {
    const kind = constraints && constraints.video ? 'video' : 'audio';
    return new Promise((resolve) => setTimeout(resolve, delays[kind])).then(() => original(constraints)).then((stream) => {
      record.streams.push({ kind, stream });
      return stream;
    });
  };
}

const liveTracks = (page) => evaluateQuietly(page, `(() => {
  const live = { video: 0, audio: 0, handedOut: window.attuneTestMedia.streams.length };
  for (const { kind, stream } of window.attuneTestMedia.streams)
    for (const track of stream.getTracks()) if (track.readyState === 'live') live[kind]++;
  return live;
})()`);

// The app has asked for both devices: the prompt is open (a fixed wait after Start was not enough on a
// loaded machine, where the frame that acts on the click can come later than the test's next click).
const promptOpen = (page) => waitForState(page, (s) => s.camera.state === 'asking' && s.microphone.state === 'asking',
  { what: 'the permission prompt open for camera and microphone', timeout: 20000 });

// Until `count` getUserMedia answers have reached the page (each comes `delays[kind]` ms after its ask).
function answersArrived(page, count) {
  return waitForState(page, (live) => live.handedOut >= count, { read: liveTracks, what: `${count} getUserMedia answers`, timeout: 20000 });
}

async function openSlowPage(query, delays) {
  const page = await session.context.newPage();
  await page.addInitScript(slowPermissionPrompt, delays);
  await page.goto(session.url + query);
  // The models loaded too: the app draws before ONNX Runtime and the models are in (web/loader.js), and
  // their loading keeps a loaded machine busy for seconds, which these tests' fixed waits do not allow for.
  await waitForState(page, (s) => s.ui.start && s.frame > 5 && Object.values(s.models).every((m) => m.state === 'ready'),
    { what: 'the start screen with the models ready', timeout: 60000 });
  return page;
}

test('Stop while the permission prompt is open: the streams that arrive later are stopped, never live', async () => {
  const page = await openSlowPage('', { video: 1500, audio: 1500 });
  await clickStart(page);
  await promptOpen(page);
  await clickStart(page);  // the same button, now "Stop"
  await waitForState(page, (s) => !s.capturing, { what: 'stopped' });
  await answersArrived(page, 2);  // both answers arrive after Stop
  await page.waitForTimeout(500);  // time to (wrongly) start them
  const state = await readState(page);
  const live = await liveTracks(page);
  assert.equal(state.camera.state, 'off');
  assert.equal(state.microphone.state, 'off');
  assert.equal(live.handedOut, 2, 'both answers arrived after Stop');
  assert.deepEqual({ video: live.video, audio: live.audio }, { video: 0, audio: 0 }, 'no camera or microphone track left live');
  assert.equal(state.microphone.samples, 0, 'no sound reached the app');
  await page.close();
});

test('the tab hidden while the prompt is open: nothing goes live; back in view, exactly one stream per device', async () => {
  const page = await openSlowPage('', { video: 1500, audio: 1500 });
  await clickStart(page);
  await promptOpen(page);
  await setPageHidden(page, true);
  await answersArrived(page, 2);
  await page.waitForTimeout(500);  // time to (wrongly) start them
  const hidden = await waitForState(page, (s) => s.paused_hidden, { what: 'paused while hidden' });
  assert.equal(hidden.camera.state, 'off');
  assert.equal(hidden.microphone.state, 'off');
  assert.deepEqual(await liveTracks(page), { video: 0, audio: 0, handedOut: 2 });
  await setPageHidden(page, false);
  const back = await waitForState(page, (s) => s.camera.state === 'live' && ['live', 'blocked'].includes(s.microphone.state),
    { what: 'devices back when visible', timeout: 20000 });
  assert.equal(back.capturing, true);
  const live = await liveTracks(page);
  assert.deepEqual({ video: live.video, audio: live.audio }, { video: 1, audio: 1 }, 'one live track per device, nothing leaked');
  await page.close();
});

test('a kiosk reset while the microphone prompt is still open leaves no microphone live', async () => {
  // The camera answers at once and shows no face; the idle reset comes 5 s later, before the microphone's answer.
  const page = await openSlowPage('?kiosk=1&idle=5', { video: 200, audio: 9000 });
  await page.mouse.click(640, 500);
  await waitForState(page, (s) => s.kiosk.resets === 1, { what: 'the idle reset', timeout: 20000 });
  await page.waitForTimeout(6000);  // the microphone's answer arrives after the reset
  const state = await waitForState(page, (s) => !s.capturing, { what: 'waiting for the next visitor' });
  assert.equal(state.microphone.state, 'off');
  assert.equal(state.camera.state, 'off');
  const live = await liveTracks(page);
  assert.equal(live.handedOut, 2, 'the microphone answer did arrive');
  assert.deepEqual({ video: live.video, audio: live.audio }, { video: 0, audio: 0 });
  await page.close();
});

test('Start, Stop, Start within the prompt: the first Start leaks nothing, the second goes live', async () => {
  const page = await openSlowPage('', { video: 1500, audio: 1500 });
  await clickStart(page);
  await promptOpen(page);
  await clickStart(page);
  await waitForState(page, (s) => !s.capturing, { what: 'stopped within the prompt' });
  await clickStart(page);
  const state = await waitForState(page, (s) => s.capturing && s.camera.state === 'live' && s.microphone.state === 'live',
    { what: 'live after the second Start', timeout: 20000 });
  await page.waitForTimeout(2500);  // every answer has arrived
  const live = await liveTracks(page);
  assert.equal(live.handedOut, 4);
  assert.deepEqual({ video: live.video, audio: live.audio }, { video: 1, audio: 1 }, 'one live track per device');
  assert.equal(state.capturing, true);
  await page.close();
});
