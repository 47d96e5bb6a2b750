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
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { startServer } from '../../tools/serve.mjs';
import {
  evaluateWithoutActivation, FIREFOX, launchFirefox, missingPrograms, PULSEAUDIO, startPulseAudio, startXvfb, VIEWPORT, XVFB,
} from '../support/engines.mjs';
import { runStartPath } from '../support/start_path.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const screenshots = join(root, 'build', 'screenshots');
const running = { server: null, x: null, sound: null, firefox: null };
async function stop() {  // from the test's finally, and from `after` should the test time out first
  await running.firefox?.close();
  await running.x?.close();
  await running.sound?.close();
  running.server?.close();
  running.server = null;
}
after(stop);

test('Firefox: load, Start by a real click, camera and microphone live, 20 s without an error', { timeout: 300000 }, async (t) => {
  const missing = missingPrograms(XVFB, PULSEAUDIO, FIREFOX);
  if (missing.length) throw new Error(`missing: ${missing.join(', ')}`);
  mkdirSync(screenshots, { recursive: true });
  try {
    const { server, url } = await startServer({ root: join(root, 'dist'), port: 0, base: '/attune/', quiet: true });
    running.server = server;
    const x = running.x = await startXvfb();
    const sound = running.sound = await startPulseAudio();
    const firefox = running.firefox = await launchFirefox({ display: x.display, pulse: sound.server });
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
    await stop();
  }
});
