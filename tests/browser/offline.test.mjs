// Offline use and cross-origin isolation through the service worker (web/sw.js), in headless Chromium
// with fake devices, the site served from a sub-path the way GitHub Pages serves it (and, like GitHub
// Pages, without COOP/COEP headers: isolation can only come from the worker).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appendFileSync, cpSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { startServer } from '../../tools/serve.mjs';
import { precacheList, writeServiceWorker } from '../../tools/precache.mjs';
import { clickStart, launchBrowser, openPage, readState, waitForState } from '../support/browser.mjs';
import { distSnapshot } from '../support/dist_snapshot.mjs';

// A snapshot of dist/: the tests compare the cache with the files, which must not change underneath.
const { scratch, dist, screenshots, media } = distSnapshot('browser-tests-offline');

// A server that records the paths it was asked for and how often it sent each one's bytes (status
// 200, not 304), and can be taken down for good.
async function serve(siteRoot) {
  const { server, url } = await startServer({ root: siteRoot, port: 0, base: '/attune/', quiet: true });
  const hits = [], bodies = {};
  server.on('request', (request, response) => {
    const path = new URL(request.url, url).pathname;
    hits.push(path);
    response.on('finish', () => { if (response.statusCode === 200) bodies[path] = (bodies[path] || 0) + 1; });
  });
  const stop = () => new Promise((done) => { server.close(done); server.closeAllConnections(); });
  return { url, hits, bodies, stop };
}

const appRunning = (s) => s.frame > 3 && s.models && s.models.face_detector.state === 'ready' && s.catalog && s.catalog.loaded;

// Waits until the page's service worker is activated and returns what this site's caches hold:
// { cacheNames, sizes: { path: bytes } } for the paths asked about.
async function precached(page, paths, { timeout = 90000 } = {}) {
  const started = Date.now();
  let last;
  while (Date.now() - started < timeout) {
    last = await page.evaluate(async (paths) => {
      const registration = await navigator.serviceWorker.getRegistration();
      if (!registration || !registration.active || registration.active.state !== 'activated') return { ready: false };
      // The sizes are read from the newest cache, and only while the list of caches stays the same: a
      // new worker's activate deletes the old cache between any two awaits here, and caches.match()
      // would answer from the old cache (the first one made) if it still existed when the sizes were read.
      const cacheNames = await caches.keys();
      if (!cacheNames.length) return { ready: false };
      const newest = await caches.open(cacheNames[cacheNames.length - 1]);
      const sizes = {};
      for (const path of paths) {
        const response = await newest.match(new URL(path, registration.scope).href);
        sizes[path] = response ? (await response.blob()).size : null;
      }
      const namesAfter = await caches.keys();
      if (namesAfter.join('\n') !== cacheNames.join('\n')) return { ready: false };
      return { ready: true, controlled: !!navigator.serviceWorker.controller, cacheNames, sizes };
    }, paths);
    if (last.ready) return last;
    await page.waitForTimeout(500);
  }
  throw new Error(`the service worker did not activate; last: ${JSON.stringify(last)}`);
}

test('the second visit starts with no network, from the service worker cache, cross-origin isolated with ORT threads', async () => {
  const site = await serve(dist);
  const context = await launchBrowser(media);
  try {
    const { page, log } = await openPage(context, site.url);

    // First visit: from the network, not isolated, ORT single-threaded.
    await waitForState(page, appRunning, { what: 'the app to run on the first visit', timeout: 90000 });
    const first = await page.evaluate(() => ({ isolated: self.crossOriginIsolated, threads: ort.env.wasm.numThreads }));
    assert.deepEqual(first, { isolated: false, threads: 1 });

    // The worker caches every file of the site (sw.js itself and the install icons, licenses and embed
    // example of NOT_PRECACHED excepted), byte for byte.
    const expected = precacheList(dist);
    assert.ok(Object.keys(expected).length > 15 && expected['attune.wasm'] && expected['ort/ort-wasm-simd-threaded.wasm']);
    const cache = await precached(page, Object.keys(expected));
    assert.equal(cache.controlled, true, 'the activated worker controls the open page');
    assert.equal(cache.cacheNames.length, 1, cache.cacheNames.join(', '));
    for (const path of Object.keys(expected)) {
      assert.equal(cache.sizes[path], statSync(join(dist, path)).size, `cached ${path}`);
    }
    // The first visit sent each file's bytes once: the precache revalidates what the page has just
    // downloaded and gets 304 (the server's ETag, as GitHub Pages sends one) instead of the bytes again.
    const sentTwice = Object.entries(site.bodies).filter(([, n]) => n > 1);
    assert.deepEqual(sentTwice, [], 'files whose bytes were sent more than once on the first visit');

    // No network at all from here on: the server is gone.
    await site.stop();
    const served = site.hits.length;
    const responses = [];
    page.on('response', (r) => responses.push({ url: r.url(), fromWorker: r.fromServiceWorker(), status: r.status() }));
    await page.reload();

    const second = await waitForState(page, appRunning, { what: 'the app to run offline', timeout: 90000 });
    await waitForState(page, (s) => s.frame > second.frame + 10, { what: 'the frame loop to go on offline' });
    const isolation = await page.evaluate(() => ({
      isolated: self.crossOriginIsolated, sharedMemory: typeof SharedArrayBuffer === 'function',
      threads: ort.env.wasm.numThreads, cores: navigator.hardwareConcurrency,
    }));
    assert.equal(isolation.isolated, true, 'the worker\'s COOP/COEP headers isolate the page');
    assert.equal(isolation.sharedMemory, true);
    assert.equal(isolation.threads, Math.min(4, isolation.cores), 'web/loader.js asks ORT for threads when isolated');

    // Inference runs offline, and ORT really started its threads (pthread workers of its threaded wasm).
    await clickStart(page);
    const live = await waitForState(page, (s) => s.camera.state === 'live' && s.detector.runs >= 2,
      { what: 'detector runs offline', timeout: 90000 });
    assert.equal(live.detector.error, '');
    assert.equal(live.models.face_detector.state, 'ready');
    if (isolation.threads > 1) {
      const threadWorkers = page.workers().filter((w) => /\/ort\/ort-wasm-simd-threaded\.mjs$/.test(w.url()));
      assert.ok(threadWorkers.length >= isolation.threads - 1, `ORT thread workers: ${page.workers().map((w) => w.url())}`);
    }

    assert.equal(site.hits.length, served, 'nothing reached the server after it went down');
    assert.ok(responses.length > 5);
    assert.deepEqual(responses.filter((r) => !r.fromWorker || r.status !== 200), [], 'every response came from the worker');
    await page.screenshot({ path: join(screenshots, 'offline-second-visit.png') });
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.consoleErrors, []);
  } finally {
    await context.close();
    await site.stop();
  }
});

// Chromium runs service-worker update checks (web/loader.js asks for one on every returning visit) only
// once the browser has finished starting: once a visible tab has loaded and then idled for a second, or
// else a minute after that tab's last load. The app's page never idles here (it draws every frame with
// SwiftShader on two cores), so in a browser just launched onto it every check waited a minute after each
// load (measured: 54-60 s). A person's browser has long finished starting; a browser launched for this
// test is brought to the same point by an idle page first (2.5 s was enough here, 1.5 s was not).
async function launchStartedBrowser(options) {
  const context = await launchBrowser(options);
  const idle = context.pages()[0] || await context.newPage();
  await idle.goto('data:text/html,<title>idle</title>');
  await idle.waitForTimeout(3000);
  return context;
}

test('a new deploy replaces the cache and downloads only the files that changed', async () => {
  const copy = join(scratch, 'deploy');
  cpSync(dist, copy, { recursive: true });
  const site = await serve(copy);
  const context = await launchStartedBrowser(media);
  try {
    const { page, log } = await openPage(context, site.url);
    await waitForState(page, appRunning, { what: 'the app to run', timeout: 90000 });
    const before = await precached(page, ['web/app.css']);
    assert.equal(before.cacheNames.length, 1);
    // An update check of the unchanged site returns once the browser runs update checks at all (at once
    // if launchStartedBrowser did its job), so the time after the deploy is the app's, not the browser's.
    const checkMs = await page.evaluate(async () => {
      const started = performance.now();
      await (await navigator.serviceWorker.getRegistration()).update();
      return performance.now() - started;
    });

    // Deploy: one file changes, and tools/precache.mjs (as tools/assemble_dist.sh runs it) rewrites sw.js.
    appendFileSync(join(copy, 'web', 'app.css'), '\n/* deploy 2 */\n');
    const { version } = writeServiceWorker(copy);
    assert.ok(!before.cacheNames[0].endsWith(version));
    site.hits.length = 0;

    // The next visit looks for a new sw.js (web/loader.js); the new worker installs and takes over.
    const reloaded = Date.now();
    await page.reload();
    let after;
    for (const deadline = Date.now() + 120000; Date.now() < deadline;) {
      after = await precached(page, ['web/app.css']);
      if (after.cacheNames.length === 1 && after.cacheNames[0].endsWith(version)) break;
      await page.waitForTimeout(500);
    }
    assert.deepEqual(after.cacheNames.map((n) => n.split(' ').pop()), [version], 'only the new version is cached');
    console.log(`update check ${Math.round(checkMs)} ms before the deploy; new version cached ${Date.now() - reloaded} ms after the reload`);
    assert.equal(after.sizes['web/app.css'], statSync(join(copy, 'web', 'app.css')).size);

    // Unchanged files were copied from the old cache: the big ones were not downloaded again.
    const fetched = site.hits.filter((p) => p !== '/attune/sw.js');
    assert.ok(fetched.includes('/attune/web/app.css'), site.hits.join(', '));
    for (const big of ['/attune/attune.wasm', '/attune/ort/ort-wasm-simd-threaded.wasm', '/attune/models/face_detector.onnx']) {
      assert.ok(!fetched.includes(big), `${big} downloaded again: ${site.hits.join(', ')}`);
    }

    // The next visit gets the new file, from the cache. Its timers run on Playwright's clock (at the
    // natural pace until told otherwise), for the kiosk below.
    await page.clock.install();
    await page.reload();
    await waitForState(page, appRunning, { what: 'the app to run on the new version', timeout: 90000 });
    const css = await page.evaluate(async () => (await fetch('web/app.css')).text());
    assert.match(css, /deploy 2/);
    assert.equal(readFileSync(join(copy, 'web', 'app.css'), 'utf8'), css);

    // A kiosk: the page stays open and never navigates, and web/loader.js looks for a new deploy every
    // hour. Chromium may look on its own some seconds after a load (measured: 7.7 s after this reload),
    // so the page's own calls to update() are counted too: the hour must bring one.
    appendFileSync(join(copy, 'web', 'app.css'), '\n/* deploy 3 */\n');
    const third = writeServiceWorker(copy).version;
    await page.evaluate(() => {
      const update = ServiceWorkerRegistration.prototype.update;
      window.updateChecks = 0;
      ServiceWorkerRegistration.prototype.update = function () { window.updateChecks++; return update.call(this); };
    });
    await page.clock.fastForward('01:00:01');
    const forwarded = Date.now();
    let kiosk, checks;
    for (const deadline = Date.now() + 60000; Date.now() < deadline;) {
      kiosk = await precached(page, []);
      checks = await page.evaluate(() => window.updateChecks);
      if (checks > 0 && kiosk.cacheNames.length === 1 && kiosk.cacheNames[0].endsWith(third)) break;
      await page.waitForTimeout(500);
    }
    assert.ok(checks > 0, 'the open page did not look for a new deploy within the hour');
    assert.deepEqual(kiosk.cacheNames.map((n) => n.split(' ').pop()), [third], 'an open page took deploy 3 within the hour');
    console.log(`kiosk: deploy 3 cached ${Date.now() - forwarded} ms after the clock moved on an hour`);
    const { frame } = await readState(page);
    await waitForState(page, (s) => s.frame > frame + 3, { what: 'the app to go on drawing after the hour', timeout: 30000 });
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.consoleErrors, []);
  } finally {
    await context.close();
    await site.stop();
  }
});
