// The real app in Firefox ESR (Debian firefox-esr), driven by puppeteer-core over WebDriver BiDi, in a
// window on a virtual X screen (headless Firefox has no WebGL2 here) with a virtual sound card (without
// an audio output Firefox never runs an AudioContext). Fake camera and microphone by prefs (a test
// pattern and a tone); no pref or flag touches autoplay or user activation, and the page is read
// without handing it a user activation (evaluateWithoutActivation), so the browser's policies apply
// as for a user and the real click is the page's only activation. Served from a sub-path as GitHub
// Pages serves it. Path: load -> Start by a real mouse click -> camera and microphone live, frames and
// samples flowing -> 20 s more without a console error. Screenshot: build/screenshots/firefox.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { engineEnvironment, evaluateWithoutActivation, FIREFOX, launchFirefox, VIEWPORT } from '../support/engines.mjs';
import { runStartPath } from '../support/start_path.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const screenshots = join(root, 'build', 'screenshots');
const environment = engineEnvironment(FIREFOX);

test('Firefox: load, Start by a real click, camera and microphone live, 20 s without an error', { timeout: 300000 }, async (t) => {
  mkdirSync(screenshots, { recursive: true });
  try {
    const { url, display, pulse } = await environment.start(join(root, 'dist'));
    const firefox = environment.keep(await launchFirefox({ display, pulse }));
    const page = (await firefox.browser.pages())[0] ?? await firefox.browser.newPage();
    await page.setViewport(VIEWPORT);
    const log = { errors: [], warnings: [] };
    page.on('console', (m) => {
      if (m.type() === 'error') log.errors.push(`console.error: ${m.text()}`);
      else if (m.type() === 'warn') log.warnings.push(`console.warn: ${m.text()}`);
    });
    // Firefox's BiDi log also reports CSP violations and unhandled rejections as page errors.
    page.on('pageerror', (e) => log.errors.push(`page error: ${e?.message ?? e}`));

    await runStartPath(t, {
      name: 'Firefox',
      open: () => page.goto(`${url}index.html`),
      evaluate: (fn) => evaluateWithoutActivation(page, fn),
      click: (px, py) => page.mouse.click(px, py),
      errors: async () => [...log.errors],
      warnings: async () => [...log.warnings],
      screenshot: (path) => page.screenshot({ path }),
    }, { screenshot: join(screenshots, 'firefox.png') });
    t.diagnostic(`Firefox ${await firefox.browser.version()}`);
  } finally {
    await environment.stop();
  }
});
