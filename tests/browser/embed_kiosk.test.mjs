// Embedding (the example host page receives events, options set through URL parameters) and kiosk
// mode (start on a tap, nothing stored, idle reset for the next visitor).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';

import { frameOffset, quietAppSession, waitForState, waitForSteadyTarget } from '../support/browser.mjs';
import { HAPPY, feel, injectReading } from '../support/moods.mjs';

const session = quietAppSession('embed-kiosk');

async function appFrame(page) {
  for (let i = 0; i < 300; i++) {
    const frame = page.frames().find((f) => f !== page.mainFrame() && f.url().includes('index.html'));
    if (frame) return frame;
    await page.waitForTimeout(100);
  }
  throw new Error('the Attune iframe did not appear');
}

test('the embed example receives emotion, mood and recommendation events, with its options applied', async () => {
  const page = await session.context.newPage();
  await page.goto(session.url + 'embed-example.html?debug=inputs');
  const frame = await appFrame(page);
  const ready = await waitForState(frame, (s) => s.catalog && s.catalog.loaded, { what: 'the embedded app' });
  assert.equal(ready.strategy, 'calm');
  assert.equal(ready.language, 'de');
  await feel(frame, HAPPY, 1.5);
  await waitForState(frame, (s) => s.recommendations.length > 0, { what: 'recommendations in the iframe' });
  let events = [];
  for (let i = 0; i < 100 && !['attune:mood', 'attune:recommendations'].every((t) => events.some((e) => e.type === t)); i++) {
    await page.waitForTimeout(200);
    events = await page.evaluate(() => window.attuneEvents);
  }
  const mood = events.filter((e) => e.type === 'attune:mood').pop();
  assert.ok(mood, 'a mood event');
  assert.ok(mood.valence > 0.4 && mood.status === 'face only', JSON.stringify(mood));
  const recs = events.filter((e) => e.type === 'attune:recommendations').pop();
  assert.equal(recs.strategy, 'calm');
  assert.ok(recs.tracks.length > 0 && recs.tracks.every((t) => t.title && t.artist && t.explanation));
  assert.ok(events.some((e) => e.type === 'attune:emotion'));

  // A like in the iframe reaches the host as the session's playlist.
  const liked = (await waitForSteadyTarget(frame, 'like_0'));
  const offset = await frameOffset(page, frame);
  const b = liked.ui.like_0;
  await page.mouse.click(offset.x + b.x + b.w / 2, offset.y + b.y + b.h / 2);
  let playlist;
  for (let i = 0; i < 50 && !(playlist && playlist.tracks.length === 1); i++) {
    await page.waitForTimeout(200);
    playlist = (await page.evaluate(() => window.attuneEvents)).filter((e) => e.type === 'attune:playlist').pop();
  }
  assert.ok(playlist && playlist.tracks.length === 1, JSON.stringify(playlist));
  assert.equal(playlist.service, 'youtube');
  assert.equal(playlist.tracks[0].liked, true);
  assert.match(playlist.tracks[0].link, /^https:\/\/www\.youtube\.com\/results\?search_query=/);
  await frame.evaluate(() => localStorage.clear());  // the like was stored: later tests start with nothing
  await page.screenshot({ path: join(session.screenshots, 'embedded.png') });
  await page.close();
});

test('an embedded app whose ?host= does not name the real host page sends no events', async () => {
  const page = await session.context.newPage();
  await page.goto(session.url + 'embed-example.html?debug=inputs');
  const frame = await appFrame(page);
  // Reload the iframe claiming another host: the browser says who the parent really is.
  const spoofed = new URL(frame.url());
  spoofed.searchParams.set('host', 'https://elsewhere.example');
  await frame.goto(spoofed.href);
  await waitForState(frame, (s) => s.catalog && s.catalog.loaded, { what: 'the embedded app' });
  const before = (await page.evaluate(() => window.attuneEvents.length));
  await feel(frame, HAPPY, 1.5);
  await waitForState(frame, (s) => s.recommendations.length > 0, { what: 'recommendations in the iframe' });
  await page.waitForTimeout(1000);
  assert.equal(await page.evaluate(() => window.attuneEvents.length), before);
  await page.close();
});

test('kiosk: a tap starts, nothing is stored, and an idle period without a face resets for the next visitor', async () => {
  const page = await session.context.newPage();
  // Headless Chromium refuses a screen wake lock unless granted, as a browser may ask its user (this call
  // replaces the context's grants, so camera and microphone are named again).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Browser.grantPermissions', { permissions: ['wakeLockScreen', 'videoCapture', 'audioCapture'] });
  await page.goto(session.url + '?kiosk=1&idle=10&debug=inputs');
  const ready = await waitForState(page, (s) => s.catalog && s.catalog.loaded && s.frame > 5, { what: 'the kiosk app' });
  assert.equal(ready.kiosk.enabled, true);
  assert.equal(ready.capturing, false);
  await page.mouse.click(640, 500);  // anywhere
  // The sound starts inside that tap's event handler (no autoplay flag here), and the screen stays awake.
  const started = await waitForState(page, (s) => s.capturing && s.camera.state === 'live' && s.microphone.state === 'live',
    { what: 'camera and microphone live after the tap', timeout: 90000 });
  assert.notEqual(started.kiosk.wake_lock, 0, 'kiosk mode holds a screen wake lock where the browser offers one');
  await feel(page, HAPPY, 1);
  await waitForState(page, (s) => s.recommendations.length > 0 && s.ui.like_0, { what: 'recommendations' });
  const like = (await waitForSteadyTarget(page, 'like_0')).ui.like_0;  // as a person reads it before tapping
  await page.mouse.click(like.x + like.w / 2, like.y + like.h / 2);
  await waitForState(page, (s) => s.feedback_count === 1, { what: 'the like' });
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('attune.'))), []);
  await page.screenshot({ path: join(session.screenshots, 'kiosk.png') });

  // The fake camera shows no face: 10 s after it went live the session is cleared.
  const reset = await waitForState(page, (s) => s.kiosk.resets === 1, { what: 'the idle reset', timeout: 60000 });
  assert.equal(reset.capturing, false);
  assert.equal(reset.mood.available, false);
  assert.equal(reset.feedback_count, 0);
  assert.equal(reset.recommendations.length, 0);
  assert.equal(reset.camera.state, 'off');
  await page.close();
});
