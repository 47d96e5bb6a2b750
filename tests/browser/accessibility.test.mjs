// Accessibility of the real app (README "Accessibility"): the HTML region beside the canvas driven by
// the keyboard alone, read through the accessibility tree (Playwright's ARIA snapshot and role
// queries), checked by axe-core; the live region changes only with news; reduced motion and the page
// language follow the browser and the URL; the no-WebGL message lives in the same region.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { quietAppSession, waitForState, withoutWebGL2 } from '../support/browser.mjs';
import { HAPPY, SAD } from '../support/moods.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const session = quietAppSession('accessibility');

async function openApp(query = '?debug=inputs') {
  const page = await session.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(session.url + query);
  await waitForState(page, (s) => s.frame > 3 && s.catalog && s.catalog.loaded, { what: 'the app and its catalog' });
  return { page, errors };
}

// Feeds `probs` as face readings, 10 per second, from inside the page until stopFeeling().
const startFeeling = (page, probs) => page.evaluate((p) => {
  clearInterval(window.testFeeling);
  window.testFeeling = setInterval(() => window.attuneDebug.inject(0, p), 100);
}, probs);
const stopFeeling = (page) => page.evaluate(() => clearInterval(window.testFeeling));

const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  return { tag: e.tagName, id: e.id, text: e.textContent, action: e.dataset.action, vote: e.dataset.vote,
           track: e.dataset.id, outline: `${style.outlineStyle} ${style.outlineWidth}` };
});

// axe-core in the page. The page's CSP (script-src 'self') refuses an injected <script> (what
// page.addScriptTag makes), so the library is evaluated through the DevTools protocol instead.
async function seriousViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  assert.ok(result.passes.length >= 10, `axe ran its rules (${result.passes.length} passed)`);
  console.log(`axe: ${result.passes.length} rules passed; violations: ${
    result.violations.map((v) => `${v.id} (${v.impact})`).join(', ') || 'none'}`);
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('keyboard alone, from the first load to a thumbs up, read through the accessibility tree', async () => {
  const { page, errors } = await openApp();
  const region = page.getByRole('region', { name: 'Attune' });
  await region.getByRole('button', { name: 'Start' }).waitFor({ state: 'attached' });
  assert.equal(await page.title(), 'Attune: music for your mood, privately');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');

  // Tab: the first stop is Start, and the region becomes visible with a visible focus ring.
  await page.keyboard.press('Tab');
  let f = await focused(page);
  assert.equal(f.action, 'start');
  assert.equal(f.outline, 'solid 3px');
  const panel = await page.locator('#a11y-panel').boundingBox();
  assert.ok(panel.width > 200 && panel.height > 50, `the focused region is shown: ${JSON.stringify(panel)}`);

  await page.keyboard.press('Enter');  // a keyboard press is a user gesture: camera and microphone start
  await waitForState(page, (s) => s.capturing && s.camera.state === 'live' && s.microphone.state === 'live',
    { what: 'live devices after Enter on Start', timeout: 90000 });
  await region.getByRole('button', { name: 'Stop' }).waitFor();
  assert.equal((await focused(page)).action, 'start', 'the focus stays on the Start/Stop button');

  // Once started, Calibrate is next; Enter starts a 10 s recording (nothing to record in this quiet
  // clip, so no baseline comes of it).
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).action, 'calibrate');
  await page.keyboard.press('Enter');
  await waitForState(page, (s) => s.calibration.recording, { what: 'calibration to start from the keyboard' });
  await page.waitForFunction(() => /Calibrating/.test(document.getElementById('a11y-status').textContent));

  // Forget, then the strategy: arrow keys on the select change it in the app.
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).action, 'forget');
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).id, 'a11y-strategy');
  const before = (await page.evaluate(() => window.attuneState)).strategy;
  await page.keyboard.press('ArrowDown');
  const changed = await waitForState(page, (s) => s.strategy !== before, { what: 'the strategy to change' });
  assert.equal(changed.strategy, await page.locator('#a11y-strategy').inputValue());
  await page.keyboard.press('ArrowUp');
  await waitForState(page, (s) => s.strategy === before, { what: 'the strategy back' });
  // The music service, the same way: Spotify, then back to YouTube.
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).id, 'a11y-service');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await waitForState(page, (s) => s.listen_service === 'spotify', { what: 'Spotify chosen by keyboard' });
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await waitForState(page, (s) => s.listen_service === 'youtube', { what: 'YouTube back' });

  // A known mood (the test hook stands in for the face model), then the live region, as a screen
  // reader gets it: the mood in words and the listed tracks with artist, title and reason.
  await startFeeling(page, HAPPY);
  const happy = await waitForState(page, (s) => s.mood.available && s.recommendations.length === 10, { what: 'recommendations' });
  const first = happy.recommendations[0];
  const list = region.getByRole('list', { name: 'Suggested tracks' });
  await list.getByRole('listitem').nth(9).waitFor({ state: 'attached' });
  await page.waitForFunction((words) => document.getElementById('a11y-status').textContent.includes(words), happy.mood.words);
  const snapshot = await region.ariaSnapshot();
  assert.match(snapshot, new RegExp(`Your mood: ${happy.mood.words}`), snapshot);
  assert.ok(snapshot.includes(first.title) && snapshot.includes(`by ${first.artist}`), snapshot);
  assert.ok(snapshot.includes(first.explanation), snapshot);
  assert.equal(await list.getByRole('listitem').count(), 10);
  const firstItem = list.getByRole('listitem').first();
  assert.match(await firstItem.getByRole('link').getAttribute('href'), /^https:\/\//);

  // Tab on to the first track: its listen link, then its thumbs up; Space presses it.
  await page.keyboard.press('Tab');
  f = await focused(page);
  assert.equal(f.tag, 'A');
  assert.equal(f.track, first.id);
  await page.keyboard.press('Tab');
  f = await focused(page);
  assert.deepEqual([f.vote, f.track, f.outline], ['like', first.id, 'solid 3px']);
  await page.keyboard.press('Space');
  const voted = await waitForState(page, (s) => s.feedback_count === 1, { what: 'the thumbs up' });
  assert.equal(voted.recommendations.find((r) => r.id === first.id)?.vote, 1);
  await region.getByRole('button', { name: `Like: ${first.title} by ${first.artist}`, pressed: true }).waitFor();
  f = await focused(page);
  assert.deepEqual([f.vote, f.track], ['like', first.id], 'the focus stays on the pressed button');
  await page.screenshot({ path: join(session.screenshots, 'accessible-region.png') });

  // axe-core on the page as it is now (region shown, tracks listed): nothing serious or critical.
  assert.deepEqual(await seriousViolations(page), []);

  // Back to Forget (Shift+Tab) and Enter: the stored vote goes, and the region says so.
  // (past the listen link, the strategy and the playlist's four export buttons)
  for (let i = 0; i < 10 && (await focused(page)).action !== 'forget'; i++) await page.keyboard.press('Shift+Tab');
  assert.equal((await focused(page)).action, 'forget');
  await page.keyboard.press('Enter');
  await waitForState(page, (s) => s.feedback_count === 0, { what: 'forgetting' });
  await page.waitForFunction(() => /Forgot/.test(document.getElementById('a11y-status').textContent));

  // Stop, with the keyboard too.
  await page.keyboard.press('Shift+Tab');
  assert.equal((await focused(page)).action, 'calibrate');
  await page.keyboard.press('Shift+Tab');
  assert.equal((await focused(page)).action, 'start');
  await page.keyboard.press('Enter');
  await waitForState(page, (s) => !s.capturing, { what: 'stopped' });
  await region.getByRole('button', { name: 'Start' }).waitFor();
  await stopFeeling(page);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a Listen link opens its track in a new tab only when activated, without an opener', async () => {
  const { page, errors } = await openApp();
  // The link's target (a search page elsewhere) is answered here: the test machine has no internet.
  await session.context.route('https://www.youtube.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<p>search</p>' }));
  await startFeeling(page, HAPPY);
  await waitForState(page, (s) => s.recommendations.length === 10, { what: 'recommendations' });
  await page.locator('#a11y-tracks a').nth(9).waitFor({ state: 'attached' });
  const pagesBefore = session.context.pages().length;
  for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');  // Start, Forget, strategy, service, the first Listen link
  const f = await focused(page);
  assert.equal(f.tag, 'A');
  const href = await page.evaluate(() => document.activeElement.getAttribute('href'));
  const track = (await page.evaluate(() => window.attuneState)).recommendations.find((r) => r.id === f.track);
  assert.equal(href, track.url, 'the same link the app opens');
  assert.equal(session.context.pages().length, pagesBefore, 'nothing opened before the link was activated');
  const opened = session.context.waitForEvent('page');
  await page.keyboard.press('Enter');
  const tab = await opened;
  await tab.waitForLoadState();
  assert.equal(tab.url(), new URL(href).href);
  assert.equal(await tab.evaluate(() => window.opener), null);
  await tab.close();
  await session.context.unroute('https://www.youtube.com/**');
  await stopFeeling(page);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the keyboard is never trapped: Tab reaches the canvas and leaves it again', async () => {
  const { page } = await openApp('');
  const stops = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    stops.push(f.id || f.action || f.tag);
    if (f.id === 'canvas') break;
  }
  assert.deepEqual(stops, ['start', 'forget', 'a11y-strategy', 'a11y-service', 'canvas']);
  assert.equal((await focused(page)).outline, 'solid 3px', 'the canvas shows its focus');
  await page.keyboard.press('Tab');
  assert.notEqual((await focused(page)).id, 'canvas', 'Tab leaves the canvas');
  await page.keyboard.press('Shift+Tab');
  assert.equal((await focused(page)).id, 'canvas');
  await page.keyboard.press('Shift+Tab');
  assert.equal((await focused(page)).id, 'a11y-service', 'Shift+Tab leaves it backwards');
  assert.deepEqual(await seriousViolations(page), []);
  await page.close();
});

test('the live region changes when the mood does, not every frame', async () => {
  const { page, errors } = await openApp();
  await startFeeling(page, HAPPY);
  const happy = await waitForState(page, (s) => s.mood.available && s.recommendations.length === 10, { what: 'a happy mood' });
  await page.waitForFunction((words) => document.getElementById('a11y-status').textContent.includes(words), happy.mood.words);
  await page.waitForTimeout(2000);  // let the list settle

  // At least three seconds and 20 frames of a steady mood (this shared machine draws only a few frames
  // a second at times): count every change under the live region, and the frames drawn.
  const counted = await page.evaluate(async () => {
    const live = document.getElementById('a11y-live');
    let mutations = 0;
    const observer = new MutationObserver((records) => { mutations += records.length; });
    observer.observe(live, { subtree: true, childList: true, characterData: true, attributes: true });
    const frame0 = window.attuneState.frame, started = performance.now();
    while ((performance.now() - started < 3000 || window.attuneState.frame - frame0 < 20) && performance.now() - started < 60000)
      await new Promise((done) => setTimeout(done, 100));
    observer.disconnect();
    return { mutations, frames: window.attuneState.frame - frame0, seconds: (performance.now() - started) / 1000 };
  });
  console.log(`live region over ${counted.seconds.toFixed(1)} s of steady mood: ${counted.mutations} mutation records, ${counted.frames} frames`);
  assert.ok(counted.frames >= 20, `the app kept drawing (${counted.frames} frames)`);
  assert.ok(counted.mutations <= 2, `${counted.mutations} mutation records over ${counted.frames} frames`);

  // A different mood is news: once it has settled, the region says it in words.
  await startFeeling(page, SAD);
  const sadWords = await page.waitForFunction(() => {
    const s = window.attuneState;
    return s.mood.available && s.mood.va.valence < -0.2 &&
      document.getElementById('a11y-status').textContent.includes(`Your mood: ${s.mood.words} `) && s.mood.words;
  }, null, { timeout: 60000 });
  assert.notEqual(await sadWords.jsonValue(), happy.mood.words);
  await stopFeeling(page);
  assert.deepEqual(errors, []);
  await page.close();
});

test('reduced motion follows the system setting while the app runs', async () => {
  const { page } = await openApp('');
  assert.equal((await page.evaluate(() => window.attuneState)).reduced_motion, false);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await waitForState(page, (s) => s.reduced_motion === true, { what: 'reduced motion on' });
  await page.keyboard.press('Tab');  // shows the region: it appears without sliding in
  assert.equal(await page.locator('#a11y-panel').evaluate((e) => getComputedStyle(e).animationName), 'none');
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await waitForState(page, (s) => s.reduced_motion === false, { what: 'reduced motion off' });
  assert.equal(await page.locator('#a11y-panel').evaluate((e) => getComputedStyle(e).animationName), 'a11y-slide-in');
  await page.close();
});

test('?lang= sets the page language; the region\'s own English sentences say they are English', async () => {
  const { page } = await openApp('?lang=de');
  await page.waitForFunction(() => document.documentElement.lang === 'de');
  assert.equal(await page.locator('#a11y').getAttribute('lang'), 'en');
  await page.close();
  const other = await openApp('?lang=xx');  // not supported: stays English
  assert.equal(await other.page.evaluate(() => document.documentElement.lang), 'en');
  await other.page.close();
});

test('without WebGL2 the message is in the same accessible region, with no dead controls', async () => {
  const page = await session.context.newPage();
  await withoutWebGL2(page);
  await page.goto(session.url);
  const region = page.getByRole('region', { name: 'Attune' });
  const alert = region.getByRole('alert');
  await alert.waitFor({ state: 'visible', timeout: 30000 });
  assert.match(await alert.innerText(), /needs WebGL2/);
  assert.equal(await region.getByRole('button').count(), 0);
  assert.deepEqual(await seriousViolations(page), []);
  await page.close();
});
