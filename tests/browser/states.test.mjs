// States that must look deliberate: no WebGL2 (an HTML message instead of a blank canvas) and a tab
// put in the background (camera and microphone released, taken back on return).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';

import { clickStart, clickTarget, quietAppSession, setPageHidden, waitForState, withoutWebGL2 } from '../support/browser.mjs';

const session = quietAppSession('states');

test('without WebGL2 the page explains it in HTML instead of showing a blank canvas', async () => {
  const page = await session.context.newPage();
  await withoutWebGL2(page);
  await page.goto(session.url);
  const message = page.getByRole('alert');
  await message.waitFor({ state: 'visible', timeout: 30000 });
  assert.match(await message.innerText(), /needs WebGL2/);
  assert.match(await page.evaluate(() => window.attuneState.fatal), /WebGL2/);
  await page.screenshot({ path: join(session.screenshots, 'no-webgl.png') });
  await page.close();
});

test('a hidden tab releases the camera and microphone and takes them back when visible again', async () => {
  const page = await session.context.newPage();
  await page.goto(session.url);
  await waitForState(page, (s) => s.frame > 3, { what: 'the frame loop' });
  await clickStart(page);
  await waitForState(page, (s) => s.camera.state === 'live' && s.microphone.state === 'live', { what: 'live devices', timeout: 90000 });

  await setPageHidden(page, true);
  const paused = await waitForState(page, (s) => s.paused_hidden && s.camera.state === 'off' && s.microphone.state === 'off',
    { what: 'devices released while hidden' });
  assert.equal(paused.capturing, false);

  await setPageHidden(page, false);
  const resumed = await waitForState(page, (s) => !s.paused_hidden && s.camera.state === 'live' && s.microphone.state === 'live',
    { what: 'devices back', timeout: 90000 });
  assert.equal(resumed.capturing, true);
  await page.close();
});

test('a large screen gets larger type, and the text size buttons scale on top of it', async () => {
  const page = await session.context.newPage();
  await page.setViewportSize({ width: 2400, height: 1350 });
  await page.goto(session.url);
  // 2400 CSS px: a quarter step per 400 px beyond 1600 -> 1.5.
  const large = await waitForState(page, (s) => s.frame > 3 && s.ui.text_larger, { what: 'the frame loop' });
  assert.equal(large.ui_scale, 1.5);
  await page.screenshot({ path: join(session.screenshots, 'large-screen.png') });
  await page.setViewportSize({ width: 1280, height: 800 });
  await waitForState(page, (s) => s.ui_scale === 1, { what: 'normal type on a laptop-sized window' });
  // The font is rebuilt at the next frame: wait until the button's place holds over two published frames.
  let previous = null;
  await waitForState(page, (s) => {
    const same = previous && s.frame > previous.frame && JSON.stringify(s.ui.text_smaller) === JSON.stringify(previous.ui.text_smaller);
    previous = s;
    return same;
  }, { what: 'the layout at the new size' });
  await clickTarget(page, 'text_smaller');
  const smaller = await waitForState(page, (s) => s.text_size === 0.75, { what: 'a smaller text size' });
  assert.equal(smaller.ui_scale, 0.75);
  await page.evaluate(() => localStorage.clear());
  await page.close();
});

test('a page filling its screen at one device pixel per CSS pixel (a kiosk, F11) keeps a sharp canvas and asks for nothing', async () => {
  const page = await session.context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(session.url);
  await waitForState(page, (s) => s.frame > 3, { what: 'the frame loop' });
  // Playwright gives the screen the viewport's size: the window now fills its screen, as a kiosk's does.
  await page.setViewportSize({ width: 1000, height: 700 });
  const canvas = () => page.evaluate(() => {
    const c = document.querySelector('canvas');
    return { buffer: [c.width, c.height], screen: [screen.width, screen.height], ratio: devicePixelRatio,
      parent: c.parentElement.tagName, fullscreen: !!document.fullscreenElement };
  });
  const before = await canvas();
  assert.deepEqual([before.screen, before.ratio], [[1000, 700], 1], 'the case under test: a screen-sized page at one device pixel per CSS pixel');
  let settled = before;
  for (const deadline = Date.now() + 10000; JSON.stringify(settled.buffer) !== '[1000,700]' && Date.now() < deadline;) {
    await page.waitForTimeout(200);
    settled = await canvas();
  }
  assert.deepEqual(settled.buffer, [1000, 700], 'the drawing buffer follows the page (not stretched from the old size)');
  assert.equal(settled.parent, 'BODY', 'the canvas stays where the page put it');
  assert.equal(settled.fullscreen, false);
  await page.waitForTimeout(1000);  // a refused full-screen request is reported asynchronously
  assert.deepEqual(pageErrors, []);
  await page.close();
});
