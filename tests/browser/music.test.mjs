// Mood -> music in the real app: recorded model outputs are fed in through the test hook
// (?debug=inputs), and the recommendations, feedback storage and catalog loading are checked on the
// app's published state.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

import { startServer } from '../../tools/serve.mjs';
import { clickTarget, launchBrowser, waitForState, waitForSteadyTarget } from '../support/browser.mjs';
import { HAPPY, SAD, feel } from '../support/moods.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const screenshots = join(root, 'build', 'screenshots');
const scratch = join(root, 'build', 'browser-tests');

// Seven probabilities in label order: angry, disgust, fear, happy, sad, surprise, neutral.

let server, url, context;

before(async () => {
  mkdirSync(screenshots, { recursive: true });
  mkdirSync(scratch, { recursive: true });
  ({ server, url } = await startServer({ root: join(root, 'dist'), port: 0, base: '/attune/', quiet: true }));
  context = await launchBrowser({});
});

after(async () => {
  await context.close();
  server.close();
});

async function openApp() {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url + '?debug=inputs');
  await waitForState(page, (s) => s.catalog && s.catalog.loaded, { what: 'the bundled catalog' });
  return { page, errors };
}

const meanValence = (recs) => recs.reduce((sum, r) => sum + r.va.valence, 0) / recs.length;

test('the bundled catalog loads with every DEAM track', async () => {
  const { page, errors } = await openApp();
  const s = await page.evaluate(() => window.attuneState);
  assert.equal(s.catalog.tracks, 1802);
  assert.equal(s.catalog.error, '');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a happy mood brings positive tracks and a sad mood changes the list to negative ones', async () => {
  const { page, errors } = await openApp();
  await feel(page, HAPPY, 1.5);
  const happy = await waitForState(page, (s) => s.recommendations.length === 10, { what: 'recommendations' });
  assert.ok(happy.mood.va.valence > 0.4, `valence ${happy.mood.va.valence}`);
  assert.ok(meanValence(happy.recommendations) > 0.3, `mean valence ${meanValence(happy.recommendations)}`);
  assert.equal(new Set(happy.recommendations.map((r) => r.artist)).size, 10, 'no artist twice');
  assert.ok(happy.recommendations.every((r) => r.explanation.length > 0));
  await page.screenshot({ path: join(screenshots, 'music-happy.png') });

  await feel(page, SAD, 7);
  const sad = await waitForState(page, (s) => s.mood.va && s.mood.va.valence < -0.2 && meanValence(s.recommendations) < 0,
    { what: 'the list to follow the sad mood' });
  const before = new Set(happy.recommendations.map((r) => r.id));
  assert.ok(sad.recommendations.filter((r) => before.has(r.id)).length <= 2, 'the list changed');
  await page.screenshot({ path: join(screenshots, 'music-sad.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a liked track is remembered across a reload, and "forget" removes it', async () => {
  const { page, errors } = await openApp();
  await feel(page, HAPPY, 1);
  await waitForState(page, (s) => s.recommendations.length > 0 && s.ui.like_0, { what: 'a Like button' });
  const liked = (await clickTarget(page, 'like_0')).recommendations[0].id;
  const afterLike = await waitForState(page, (s) => s.feedback_count === 1, { what: 'the vote' });
  assert.equal(afterLike.recommendations.find((r) => r.id === liked)?.vote, 1);

  await page.reload();
  await waitForState(page, (s) => s.catalog && s.catalog.loaded, { what: 'the catalog after reload' });
  const reloaded = await waitForState(page, (s) => s.feedback_count === 1, { what: 'the stored vote' });
  assert.equal(reloaded.feedback_count, 1);
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('attune.')));
  assert.deepEqual(stored, ['attune.feedback']);

  await clickTarget(page, 'privacy');
  await clickTarget(page, 'forget');
  await waitForState(page, (s) => s.feedback_count === 0, { what: 'forgetting' });
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('attune.')));
  assert.deepEqual(left, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a malformed catalog from the embedding page is reported and the app keeps running', async () => {
  const site = join(scratch, 'dist-bad-catalog');
  cpSync(join(root, 'dist'), site, { recursive: true });
  writeFileSync(join(site, 'bad.json'), JSON.stringify({ schema: 'attune-catalog', version: 1, tracks: [{ id: 'x' }] }));
  const own = await startServer({ root: site, port: 0, base: '/', quiet: true });
  const page = await context.newPage();
  await page.goto(own.url + '?debug=inputs&catalog=bad.json');
  const s = await waitForState(page, (st) => st.catalog && st.catalog.error !== '', { what: 'the catalog error' });
  assert.match(s.catalog.error, /tracks\[0\]/);
  // The app falls back to the bundled catalog and keeps saying why.
  const later = await waitForState(page, (st) => st.catalog.loaded && st.frame > s.frame + 10, { what: 'the bundled catalog instead' });
  assert.equal(later.catalog.source, 'catalog/tracks.json');
  assert.match(later.catalog.error, /tracks\[0\]/, 'the reason stays on screen');
  await page.close();
  own.server.close();
});

// A press aimed at the first row's Listen, then the rows change before the release (here another strategy
// is picked from the page's accessible region with the button held, and the pointer follows the first row
// if it moved): the release, which the page's handler acts on inside the gesture, must not open the track
// that took the row's place (core/list_change_guard.h), and a press on settled rows opens what they show.
test('a press aimed at a row before the rows changed does not open the track that took its place', async () => {
  const { page, errors } = await openApp();
  const elsewhere = /^https:\/\/(?!127\.0\.0\.1)/;  // links to other sites, answered here
  await context.route(elsewhere, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: 'intercepted' }));
  const opened = [];
  const onPage = (p) => opened.push(p);
  context.on('page', onPage);
  try {
    await feel(page, HAPPY, 1.5);
    await waitForState(page, (s) => s.recommendations.length === 10, { what: 'recommendations' });
    const aimed = await waitForSteadyTarget(page, 'listen_0');
    const b = aimed.ui.listen_0;
    await page.mouse.move(b.x + b.w / 2, b.y + b.h / 2);
    await page.mouse.down();
    const pressed = await waitForState(page, (s) => s.list_guard.press_ms > aimed.list_guard.press_ms, { what: 'the press noted' });
    await page.evaluate(() => {
      const select = document.getElementById('a11y-strategy');
      select.value = select.value === 'calm' ? 'energise' : 'calm';  // another target: other tracks
      select.dispatchEvent(new Event('change'));
    });
    const changed = await waitForState(page, (s) => s.strategy !== aimed.strategy && s.list_guard.changed_ms > pressed.list_guard.press_ms,
      { what: 'the rows changed under the held button' });
    assert.notEqual(changed.recommendations[0].id, aimed.recommendations[0].id, 'another track in the first row');
    // The rows may have moved (the strategy's description above them): the button held follows the first row.
    const r = changed.ui.listen_0;
    await page.mouse.move(r.x + r.w / 2, r.y + r.h / 2);
    await page.mouse.up();
    const released = await waitForState(page, (s) => s.list_guard.ignored > 0, { what: 'the release turned away', timeout: 15000 });
    assert.equal(released.list_guard.ignored, 1);
    assert.match(released.list_guard.note ?? '', /list changed as you clicked/, 'the person is told why nothing happened');
    await page.screenshot({ path: join(screenshots, 'list-changed-note.png') });
    await page.waitForTimeout(1000);  // a tab would have opened inside the release's handler
    assert.deepEqual(opened.map((p) => p.url()), [], 'no track opened');

    // Once the rows have settled, the same press opens the track its row shows.
    const tab = context.waitForEvent('page', { timeout: 15000 });
    const settled = await clickTarget(page, 'listen_0');
    assert.equal((await tab).url(), settled.recommendations[0].url, 'the first row\'s track opened');
    // The state that shows the track opened (its playlist entry) is published after the click was admitted.
    const openedId = settled.recommendations[0].id;
    const afterClick = await waitForState(page, (s) => s.playlist.tracks.some((e) => e.id === openedId && e.opened),
      { what: 'the opened track in the playlist' });
    assert.equal(afterClick.list_guard.note, null, 'a press that acted ends the note');
    assert.deepEqual(errors, []);
  } finally {
    context.off('page', onPage);
    await context.unroute(elsewhere);
    for (const p of opened) await p.close();
    await page.close();
  }
});
