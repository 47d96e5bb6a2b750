// The real app in WebKitGTK (Safari's engine; Debian webkit2gtk-driver): MiniBrowser driven by
// selenium-webdriver through WebKitWebDriver, on a virtual X screen, with WebKit's mock capture
// devices (a generated picture and tone, no prompt) and a virtual sound card. No setting touches
// autoplay or user activation: WebKitGTK keeps an AudioContext made outside a user's gesture
// suspended, as Safari does (and, like Safari, lets audio run while the page captures).
// Path: load -> Start by a real mouse click (WebDriver actions) -> camera and microphone live, frames
// and samples flowing -> 20 s more without an error. Screenshot: build/screenshots/webkit.png.
//
// Errors: WebKitWebDriver has neither a log endpoint nor WebDriver BiDi, and MiniBrowser ignores
// --enable-write-console-messages-to-stdout under --automation, so a collector injected into the page
// right after its load event records console.error/warn, uncaught errors, failed loads, unhandled
// rejections and CSP violations from then on (see installCollector). A loader failure before that
// still fails the test, as window.attuneState.fatal.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Origin } from 'selenium-webdriver';

import { engineEnvironment, launchWebKit, MINIBROWSER, WEBKIT_DRIVER } from '../support/engines.mjs';
import { installCollector, runStartPath } from '../support/start_path.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const screenshots = join(root, 'build', 'screenshots');
const environment = engineEnvironment(WEBKIT_DRIVER, MINIBROWSER);

test('WebKit: load, Start by a real click, camera and microphone live, 20 s without an error', { timeout: 300000 }, async (t) => {
  mkdirSync(screenshots, { recursive: true });
  try {
    const { url, display, pulse } = await environment.start(join(root, 'dist'));
    const webkit = environment.keep(await launchWebKit({ display, pulse }));
    const { driver } = webkit;
    let appStartedFirst = null;
    const collected = () => driver.executeScript(() => window.__attuneCollected || { errors: ['(the error collector is not in the page)'], warnings: [] });

    await runStartPath(t, {
      name: 'WebKit',
      open: async () => {
        await driver.get(`${url}index.html`);  // returns after the load event
        appStartedFirst = await driver.executeScript(() => !!window.attuneState);
        await driver.executeScript(installCollector);
      },
      evaluate: (fn) => driver.executeScript(fn),
      click: (px, py) => driver.actions().move({ origin: Origin.VIEWPORT, x: px, y: py }).press().release().perform(),
      errors: async () => (await collected()).errors,
      warnings: async () => (await collected()).warnings,
      screenshot: async (path) => writeFileSync(path, Buffer.from(await driver.takeScreenshot(), 'base64')),
    }, { screenshot: join(screenshots, 'webkit.png') });
    const version = (await driver.getCapabilities()).get('browserVersion');
    t.diagnostic(`WebKitGTK ${version}; the app had started before the error collector: ${appStartedFirst}`);
  } finally {
    await environment.stop();
  }
});
