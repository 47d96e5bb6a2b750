// Sound starts only inside the user's gesture. Chromium lets an AudioContext run for seconds after a
// click (and for good once the page had one), so a page that creates its AudioContext after awaiting
// getUserMedia works there and hangs in Firefox and Safari, which let it run only when it is created or
// resumed inside the event handler. This test makes Chromium that strict: an init script makes every
// AudioContext made outside a trusted event's dispatch start suspended, and makes resume() outside one
// never settle (as Firefox's does). With that in force, a real click on Start must bring the microphone
// live, and a microphone started without a gesture (the tab coming back from the background) must say
// it is blocked and go live on the next tap anywhere. The same policy for pop-ups: a click on Listen must
// open its link inside the click's handler. tests/browser/firefox.test.mjs and webkit.test.mjs
// run the real engines.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { clickStart, clickTarget, quietAppSession, setPageHidden, waitForState } from '../support/browser.mjs';
import { HAPPY, injectReading } from '../support/moods.mjs';

const session = quietAppSession('audio-policy');

// Runs in the page before any of its scripts.
function strictAudioPolicy() {
  let inGesture = false;
  for (const type of ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'click', 'keydown', 'touchend']) {
    window.addEventListener(type, (event) => {
      if (!event.isTrusted) return;
      inGesture = true;
      setTimeout(() => { inGesture = false; }, 0);  // the end of this event's dispatch
    }, true);
  }
  // Safari's pop-up rule too: window.open outside a trusted event's handler opens nothing.
  const nativeOpen = window.open.bind(window);
  window.strictPopups = { opened: [], refused: 0 };
  window.open = (...args) => {
    if (!inGesture) { window.strictPopups.refused++; return null; }
    window.strictPopups.opened.push(args[0]);
    return nativeOpen(...args);
  };
  const Native = window.AudioContext;
  window.strictAudio = { made: 0, madeInGesture: 0, refusedResumes: 0 };
  window.AudioContext = class extends Native {
    constructor(...args) {
      super(...args);
      window.strictAudio.made++;
      if (inGesture) window.strictAudio.madeInGesture++;
      else super.suspend();
      const nativeResume = super.resume.bind(this);
      this.resume = () => {
        if (inGesture) return nativeResume();
        window.strictAudio.refusedResumes++;
        return new Promise(() => {});  // never settles, as in Firefox
      };
    }
  };
}

async function openStrictPage(query = '') {
  const page = await session.context.newPage();
  await page.addInitScript(strictAudioPolicy);
  await page.goto(session.url + query);
  await waitForState(page, (s) => s.ui.start && s.models.voice_emotion.state === 'ready', { what: 'the start screen' });
  return page;
}

test('under a strict audio policy a click on Start brings the microphone live', async () => {
  const page = await openStrictPage();
  await clickStart(page);
  const live = await waitForState(page, (s) => s.microphone.state === 'live' && s.microphone.samples > 0,
    { what: 'the microphone live with audio flowing', timeout: 30000 });
  assert.equal(live.camera.state, 'live');
  const audio = await page.evaluate(() => window.strictAudio);
  assert.equal(audio.made, 1, 'one AudioContext for the page');
  assert.equal(audio.madeInGesture, 1, 'made inside the click');
  await page.close();
});

test('a microphone started without a gesture says it is blocked, and a tap anywhere lets it listen', async () => {
  const page = await openStrictPage();
  await clickStart(page);
  await waitForState(page, (s) => s.microphone.state === 'live', { what: 'the microphone live', timeout: 30000 });
  await setPageHidden(page, true);
  await waitForState(page, (s) => s.paused_hidden && s.microphone.state === 'off', { what: 'released while hidden' });
  await page.waitForTimeout(6000);  // past any transient activation left from the click
  await setPageHidden(page, false);  // the app takes the devices back: not inside a gesture
  const blocked = await waitForState(page, (s) => s.microphone.state === 'blocked',
    { what: 'the microphone reported as blocked', timeout: 20000 });
  assert.match(blocked.microphone.message, /tap anywhere/);
  assert.equal(blocked.camera.state, 'live', 'the camera needs no gesture');
  assert.ok((await page.evaluate(() => window.strictAudio.refusedResumes)) > 0, 'the strict policy refused a resume');
  const samples = blocked.microphone.samples;
  await page.mouse.click(20, 400);  // anywhere, not on a control
  const live = await waitForState(page, (s) => s.microphone.state === 'live' && s.microphone.samples > samples,
    { what: 'the microphone live after the tap', timeout: 15000 });
  assert.equal(live.capturing, true);
  await page.close();
});

test('under the same policy a click on Listen opens the track in a new tab (inside the click, without an opener)', async () => {
  // Links to other sites are answered here, never loaded from the network.
  await session.context.route(/^https:\/\/(?!127\.0\.0\.1)/, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: 'intercepted' }));
  const page = await openStrictPage('?debug=inputs');
  for (let i = 0; i < 5; i++) await injectReading(page, HAPPY);
  await waitForState(page, (s) => s.recommendations.length === 10 && s.ui.listen_0?.visible, { what: 'recommendations' });
  const popup = session.context.waitForEvent('page', { timeout: 10000 });
  const listed = await clickTarget(page, 'listen_0');
  const tab = await popup;
  await tab.waitForLoadState();
  assert.equal(tab.url(), listed.recommendations[0].url, "the first track's link");
  assert.equal(await tab.evaluate(() => window.opener), null, 'no opener');
  const popups = await page.evaluate(() => window.strictPopups);
  assert.deepEqual(popups, { opened: [listed.recommendations[0].url], refused: 0 }, 'opened once, inside the click');
  await tab.close();
  await page.close();
});
