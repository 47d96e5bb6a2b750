// A browser that refuses to keep anything for the page: a full quota (setItem throws), or storage
// blocked altogether (reading window.localStorage throws, as in a third-party iframe with storage
// blocked). The app runs, says that preferences cannot be kept, and the session keeps the likes and
// settings in memory.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';

import { clickTarget, quietAppSession, waitForState } from '../support/browser.mjs';
import { HAPPY, injectReading } from '../support/moods.mjs';

const session = quietAppSession('storage-refused');

const REFUSALS = {
  'localStorage.setItem throws (quota exceeded)': () => {
    Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  },
  'localStorage throws on access (storage blocked)': () => {
    Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('Access is denied.', 'SecurityError'); } });
  },
};

for (const [name, refuse] of Object.entries(REFUSALS)) {
  test(`${name}: the app runs, says preferences will not be kept, and keeps them for the session`, async () => {
    const page = await session.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addInitScript(refuse);
    await page.goto(session.url + '?debug=inputs');
    const ready = await waitForState(page, (s) => s.frame > 5 && s.catalog.loaded, { what: 'the app running' });
    assert.equal(ready.privacy.storage_available, false);
    await page.waitForFunction(() => /Preferences cannot be kept in this browser/.test(document.getElementById('a11y-status').textContent));

    for (let i = 0; i < 5; i++) await injectReading(page, HAPPY);
    await waitForState(page, (s) => s.recommendations.length === 10 && s.ui.like_0, { what: 'recommendations' });
    await clickTarget(page, 'like_0');
    await waitForState(page, (s) => s.feedback_count === 1, { what: 'the like, kept in the session' });
    await clickTarget(page, 'strategy_calm');
    const after = await waitForState(page, (s) => s.strategy === 'calm', { what: 'the strategy change' });
    assert.equal(after.feedback_count, 1, 'nothing lost from the running session');
    await clickTarget(page, 'privacy');
    await waitForState(page, (s) => s.ui.forget?.visible, { what: 'the privacy panel' });
    await page.screenshot({ path: join(session.screenshots, `storage-refused-${Object.keys(REFUSALS).indexOf(name)}.png`) });
    assert.deepEqual(errors, [], 'no uncaught error');
    await page.close();
  });
}
