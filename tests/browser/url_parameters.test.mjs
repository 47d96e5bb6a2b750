// A link can carry anything in its URL parameters. For each parameter the app reads, a malformed value
// leaves the app running, says what was not understood, and uses the default.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { quietAppSession, waitForState } from '../support/browser.mjs';

const session = quietAppSession('url-parameters');

const DEFAULT_CATALOG = 'DEAM (MediaEval Database for Emotional Analysis in Music)';

const CASES = [
  { query: 'kiosk=maybe', message: /\?kiosk="maybe" was not understood/, defaults: (s) => s.kiosk.enabled === false },
  { query: 'idle=soon', message: /\?idle="soon" was not understood/, defaults: (s) => s.kiosk.idle_reset_s === 60 },
  { query: 'idle=2', message: /\?idle="2" was not understood.*from 5 to 3600/, defaults: (s) => s.kiosk.idle_reset_s === 60 },
  { query: 'strategy=loud', message: /\?strategy="loud" was not understood/, defaults: (s) => s.strategy === 'match' },
  { query: 'lang=xx', message: /\?lang="xx" was not understood/, defaults: (s) => s.language === 'en' },
  { query: 'catalog=http://[', catalogError: /not a valid address/ },
  { query: 'catalog=missing.json', catalogError: /HTTP 404/ },
  { query: 'catalog=https://example.org/tracks.json', catalogError: /only files from this site/ },
  { query: 'host=not%20an%20origin', defaults: (s) => s.capturing === false },
];

for (const c of CASES) {
  test(`?${c.query}: the app starts, says what it did not understand, and uses the default`, async () => {
    const page = await session.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${session.url}index.html?${c.query}`);
    const state = await waitForState(page, (s) => s.frame > 5 && s.catalog.loaded,
      { what: 'the app running with a catalog', timeout: 60000 });
    assert.equal(state.catalog.name, DEFAULT_CATALOG, 'the bundled catalog');
    if (c.message) {
      assert.equal(state.launch_problems.length, 1, JSON.stringify(state.launch_problems));
      assert.match(state.launch_problems[0], c.message);
      // Shown to everyone, screen readers included.
      await page.waitForFunction((text) => document.getElementById('a11y-status').textContent.includes(text),
        state.launch_problems[0]);
    } else {
      assert.deepEqual(state.launch_problems, []);
    }
    if (c.catalogError) assert.match(state.catalog.error, c.catalogError);
    else assert.equal(state.catalog.error, '');
    if (c.defaults) assert.ok(c.defaults(state), `defaults in use: ${JSON.stringify({ kiosk: state.kiosk, strategy: state.strategy, language: state.language })}`);
    assert.deepEqual(errors, [], 'no uncaught error');
    await page.close();
  });
}
