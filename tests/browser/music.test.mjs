// Mood -> music in the real app: recorded model outputs are fed in through the test hook
// (?debug=inputs), and the recommendations, feedback storage and catalog loading are checked on the
// app's published state.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

import { startServer } from '../../tools/serve.mjs';
import { clickTarget, launchBrowser, waitForState } from '../support/browser.mjs';
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
