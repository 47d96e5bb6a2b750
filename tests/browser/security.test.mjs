// The Content-Security-Policy and the same-origin promise, in headless Chromium with fake devices.
// "Cross-origin" targets are servers on 127.0.0.2: another origin than the app's 127.0.0.1, still
// on this machine (nothing here reaches any network).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createServer } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { FRAME_ANCESTORS, policyFromHtml, startServer } from '../../tools/serve.mjs';
import { clickStart, launchBrowser, openPage, waitForState } from '../support/browser.mjs';
import { distSnapshot } from '../support/dist_snapshot.mjs';

// A snapshot: dist/ may be rebuilt while the tests run.
const { dist, screenshots, media } = distSnapshot('browser-tests-security', {
  prepare: (copy) => writeFileSync(join(copy, 'embed-test-host.html'),
    '<!doctype html><title>same-origin host</title><link rel="icon" href="assets/icon.svg"><iframe src="./" width="900" height="600"></iframe>\n'),
});

// A server on 127.0.0.2 that answers every path with `body` (HTML when asked for .html) and records
// what it was asked for.
async function otherOrigin(body = 'not for you') {
  const hits = [];
  const server = createServer((request, response) => {
    hits.push(request.url);
    const html = request.url.endsWith('.html');
    response.writeHead(200, { 'Content-Type': html ? 'text/html; charset=utf-8' : 'text/plain', 'Access-Control-Allow-Origin': '*' });
    response.end(body);
  });
  await new Promise((done) => server.listen(0, '127.0.0.2', done));
  const stop = () => new Promise((done) => { server.close(done); server.closeAllConnections(); });
  return { url: `http://127.0.0.2:${server.address().port}/`, hits, stop };
}

const appRunning = (s) => s.frame > 3 && s.models && s.models.face_detector.state === 'ready' && s.catalog && s.catalog.loaded;

const pagePolicy = () => policyFromHtml(readFileSync(join(dist, 'index.html'), 'utf8'));

test('the policy allows only the page\'s own origin, and the server sends it as a header with frame-ancestors', async () => {
  const policy = pagePolicy();
  assert.ok(policy, 'index.html carries a Content-Security-Policy meta tag');
  const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
  assert.deepEqual(directives['default-src'], ["'self'"]);
  assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(directives['worker-src'], ["'self'"]);
  assert.deepEqual(directives['connect-src'], ["'self'"]);
  assert.deepEqual(directives['object-src'], ["'none'"]);
  assert.deepEqual(directives['base-uri'], ["'self'"]);
  assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'|\*|https?:|data:|blob:/);

  const { server, url } = await startServer({ root: dist, port: 0, base: '/attune/', quiet: true });
  try {
    for (const path of ['', 'attune.wasm', 'ort/ort-wasm-simd-threaded.mjs', 'sw.js']) {
      const response = await fetch(url + path);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('content-security-policy'), `${policy}; ${FRAME_ANCESTORS}`, path);
      await response.arrayBuffer();
    }
  } finally {
    server.close();
  }
  // GitHub Pages sends no headers: csp:false serves the same way, and the meta tag is then the policy.
  const pages = await startServer({ root: dist, port: 0, base: '/attune/', quiet: true, csp: false });
  try {
    const response = await fetch(pages.url);
    assert.equal(response.headers.get('content-security-policy'), null);
    assert.equal(policyFromHtml(await response.text()), policy);
  } finally {
    pages.server.close();
  }
});

test('with only the page\'s meta policy (as on GitHub Pages), a cross-origin fetch, an inline script and a string timer are blocked', async () => {
  const target = await otherOrigin();
  const { server, url } = await startServer({ root: dist, port: 0, base: '/attune/', quiet: true, csp: false });
  const context = await launchBrowser(media);
  try {
    const { page, log } = await openPage(context, url);
    await waitForState(page, appRunning, { what: 'the app to run', timeout: 90000 });

    const outcome = await page.evaluate(async (target) => {
      const violations = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
      let fetchError = null;
      try { await fetch(target + 'x'); } catch (error) { fetchError = error.name; }
      const script = document.createElement('script');
      script.textContent = 'window.injectedScriptRan = true;';
      document.body.appendChild(script);
      setTimeout('window.stringTimerRan = true', 0);  // eval in disguise
      await new Promise((done) => setTimeout(done, 1000));  // violation events are queued as tasks
      return { fetchError, injectedScriptRan: window.injectedScriptRan === true, stringTimerRan: window.stringTimerRan === true, violations };
    }, target.url);

    assert.equal(outcome.fetchError, 'TypeError', 'the cross-origin fetch rejects');
    assert.equal(outcome.injectedScriptRan, false, 'the injected inline script did not run');
    assert.equal(outcome.stringTimerRan, false, 'a string passed to setTimeout was not evaluated');
    const directives = outcome.violations.map((v) => v.directive).sort();
    assert.deepEqual(directives, ['connect-src', 'script-src', 'script-src-elem'], JSON.stringify(outcome.violations));
    assert.equal(outcome.violations.find((v) => v.directive === 'connect-src').blocked, target.url + 'x');
    assert.deepEqual(target.hits, [], 'nothing reached the other origin');

    // The app goes on, and counts no request that left the origin.
    const state = await waitForState(page, (s) => s.frame > 10, { what: 'the frame loop' });
    assert.equal(state.privacy.foreign_requests, 0);
    assert.deepEqual(log.pageErrors, []);
    // The only console errors are the browser's reports of these three violations (Chromium reports
    // the blocked fetch twice: the violation, then the failed fetch).
    const reports = log.consoleErrors.join('\n');
    assert.ok(log.consoleErrors.every((e) => /Content Security Policy/.test(e)), reports);
    assert.ok(log.consoleErrors.every((e) => e.includes(target.url) || /inline script|string as JavaScript/.test(e)), reports);
    assert.equal(log.consoleErrors.filter((e) => /inline script/.test(e)).length, 1, reports);
    assert.equal(log.consoleErrors.filter((e) => /string as JavaScript/.test(e)).length, 1, reports);
  } finally {
    await context.close();
    server.close();
    await target.stop();
  }
});

test('a full session, first and second visit, makes only same-origin requests and the app counts none that left', async () => {
  const { server, url } = await startServer({ root: dist, port: 0, base: '/attune/', quiet: true });
  const context = await launchBrowser(media);
  // Every request of the browser context: the page, its workers (ORT threads, the audio worklet) and
  // the service worker's own downloads.
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const origin = new URL(url).origin;
  try {
    const { page, log } = await openPage(context, url);
    for (const visit of ['first', 'second']) {
      await waitForState(page, appRunning, { what: `the app to run (${visit} visit)`, timeout: 90000 });
      await clickStart(page);
      const live = await waitForState(page, (s) => s.camera.state === 'live' && s.microphone.samples > 0 && s.detector.runs >= 2,
        { what: `camera, microphone and detector (${visit} visit)`, timeout: 90000 });
      await page.waitForTimeout(3000);
      const later = await waitForState(page, (s) => s.frame > live.frame + 10, { what: 'more frames' });
      assert.equal(later.privacy.foreign_requests, 0, `${visit} visit: requests that left the origin, as the app counts them`);
      assert.equal(later.detector.error, '');
      if (visit === 'first') {
        // Let the service worker install, so that the second visit runs through it (isolated).
        await page.evaluate(() => navigator.serviceWorker.ready);
        await page.reload();
      } else {
        assert.equal(await page.evaluate(() => self.crossOriginIsolated && !!navigator.serviceWorker.controller), true);
      }
    }
    for (const must of ['attune.wasm', 'ort/ort-wasm-simd-threaded.wasm', 'models/face_detector.onnx', 'web/audio_capture_worklet.js', 'sw.js']) {
      assert.ok(requests.includes(url + must), `the log holds ${must}`);
    }
    const foreign = requests.filter((r) => !r.startsWith('data:') && !r.startsWith('blob:') && new URL(r).origin !== origin);
    assert.deepEqual(foreign, [], 'requests that left the page origin');
    await page.screenshot({ path: join(screenshots, 'second-visit-isolated.png') });
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.consoleErrors, []);
  } finally {
    await context.close();
    server.close();
  }
});

// Embedding and the worker's COEP header (see web/sw.js). A host page of the same origin is controlled
// by the worker, hence isolated, and may then only embed frames that send COEP: the worker adds it to
// frame navigations too, and the app runs in the frame, isolated as well. A host of another origin
// gets a frame that works, isolated or not; whether the worker may run there at all is the browser's
// third-party storage decision (headless Chromium here refuses it: the app then runs without it).
test('embedded, the app runs in its frame: in an isolated same-origin host, and in a host of another origin', async () => {
  const { server, url } = await startServer({ root: dist, port: 0, base: '/attune/', quiet: true });
  const crossHost = await otherOrigin(`<!doctype html><title>host</title><iframe src="${url}" width="900" height="600"></iframe>`);
  const context = await launchBrowser(media);
  const frameState = async (page, predicate, what) => {
    for (let i = 0; i < 300; i++) {
      const frame = page.frames().find((f) => f !== page.mainFrame() && f.url().startsWith(url));
      const state = frame && await frame.evaluate(() => window.attuneState && {
        state: window.attuneState, isolated: self.crossOriginIsolated,
        controlled: !!(navigator.serviceWorker && navigator.serviceWorker.controller),
      }).catch(() => null);
      if (state && predicate(state)) return state;
      await page.waitForTimeout(300);
    }
    throw new Error(`timed out waiting for ${what} in the frame`);
  };
  try {
    // First a plain visit, which installs the worker; then the same-origin host page (a file of the
    // served folder, not of the precache list: the worker fetches it and adds its headers).
    const { page, log } = await openPage(context, url);
    await waitForState(page, appRunning, { what: 'the app to run', timeout: 90000 });
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.goto(url + 'embed-test-host.html');
    assert.equal(await page.evaluate(() => self.crossOriginIsolated), true, 'the host page is isolated by the worker');
    const inIsolatedHost = await frameState(page, (s) => appRunning(s.state) && s.controlled, 'the app to run in the isolated host');
    assert.equal(inIsolatedHost.isolated, true, 'a same-origin frame of an isolated page is isolated too');
    await frameState(page, (s) => s.state.frame > inIsolatedHost.state.frame + 10, 'the frame loop to go on');

    // A host of another origin, twice (first and second visit of that host).
    await page.goto(crossHost.url + 'host.html');
    const inCrossHost = await frameState(page, (s) => appRunning(s.state), 'the app to run in the cross-origin host');
    assert.equal(inCrossHost.isolated, false, 'a frame of a page that is not isolated is not isolated');
    await page.reload();
    const again = await frameState(page, (s) => appRunning(s.state), 'the app to run in the cross-origin host again');
    await frameState(page, (s) => s.state.frame > again.state.frame + 10, 'the frame loop to go on');
    await page.screenshot({ path: join(screenshots, 'embedded-cross-origin.png') });
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.consoleErrors, []);
  } finally {
    await context.close();
    server.close();
    await crossHost.stop();
  }
});
