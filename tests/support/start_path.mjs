// A new user's first path through the app, the same in every engine: load, Start by a real click,
// camera and microphone live with frames and samples flowing, then 20 s more without an error.
// `engine` adapts one browser driver to what the path needs:
//   name                   'Firefox', 'WebKit'
//   open()                 loads the app's page (and starts collecting errors)
//   evaluate(fn)           runs fn() in the page and returns its (JSON) result
//   click(x, y)            a real mouse click (press and release) at viewport CSS pixels
//   errors()               console errors, page errors and CSP violations seen so far (strings)
//   warnings()             console warnings seen so far (reported, not failed on)
//   screenshot(path)       a PNG of the viewport
import assert from 'node:assert/strict';

export const LOAD_TIMEOUT_MS = 60000;
export const START_TIMEOUT_MS = 30000;  // from the click to camera and microphone live, frames and samples flowing
export const QUIET_MS = 20000;          // the app keeps running this long afterwards without an error

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const readState = (engine) => engine.evaluate(() => window.attuneState || null);

// A short view of the state for failure messages: what the devices, models and counters said.
export function summary(s) {
  if (!s) return 'no window.attuneState (the app never published its state)';
  if (s.fatal) return `fatal: ${s.fatal}`;
  const models = Object.entries(s.models || {}).map(([id, m]) => `${id}=${m.state}${m.error ? ` (${m.error})` : ''}`).join(', ');
  return `capturing=${s.capturing}; camera=${s.camera?.state}${s.camera?.message ? ` ("${s.camera.message}")` : ''}; `
    + `microphone=${s.microphone?.state}${s.microphone?.message ? ` ("${s.microphone.message}")` : ''}, `
    + `samples=${s.microphone?.samples}, sample_rate=${s.microphone?.sample_rate}; frames_grabbed=${s.frames_grabbed}; `
    + `models: ${models}; catalog loaded=${s.catalog?.loaded}; start button=${JSON.stringify(s.ui?.start)}; frame=${s.frame}`;
}

// Polls the state until `predicate` holds; `fail(s)` (optional) ends early with its message.
async function waitFor(engine, predicate, { timeout, what, fail = () => null, deadline = Date.now() + timeout }) {
  let last = null;
  for (;;) {
    last = await readState(engine);
    if (last && predicate(last)) return last;
    const early = last && fail(last);
    if (early) throw new Error(`${engine.name}: ${early}\nlast state: ${summary(last)}`);
    if (Date.now() >= deadline) break;
    await sleep(250);
  }
  throw new Error(`${engine.name}: timed out after ${Math.round(timeout ?? 0) / 1000} s waiting for ${what}\n`
    + `last state: ${summary(last)}`);
}

const modelsReady = (s) => Object.keys(s.models || {}).length > 0 && Object.values(s.models).every((m) => m.state === 'ready');
const modelError = (s) => Object.entries(s.models || {}).find(([, m]) => m.state === 'error');
const live = (device) => device?.state === 'live';
const STOPPED = ['denied', 'unavailable', 'ended'];  // device states that no waiting changes

// Runs the path as subtests of `t` (each fails on its own, with the state last seen), then takes a
// screenshot. Returns figures for the report.
export async function runStartPath(t, engine, { screenshot }) {
  const figures = {};
  const started = Date.now();
  let loaded = null;
  let clickedAt = 0;
  let cameraLive = null;
  try {
    await engine.open();
    await t.test('loads: WebGL2, the three models and the catalog ready, a Start button', async () => {
      loaded = await waitFor(engine, (s) => !s.fatal && modelsReady(s) && s.catalog?.loaded && s.ui?.start?.w > 0, {
        timeout: LOAD_TIMEOUT_MS, what: 'the models ready, the catalog loaded and the Start button published',
        fail: (s) => (s.fatal ? `the app stopped: ${s.fatal}` : modelError(s) ? `model ${modelError(s)[0]} failed: ${modelError(s)[1].error}` : null),
      });
      figures.load_ms = Date.now() - started;
      assert.equal(loaded.capturing, false, 'nothing is captured before Start');
    });

    await t.test('a real click on Start: capturing, camera live, frames grabbed and growing', async (tt) => {
      if (!loaded) { tt.skip('the app did not load'); return; }
      const b = loaded.ui.start;
      // ui.start is in CSS pixels relative to the canvas; the click is relative to the viewport.
      const view = await engine.evaluate(() => {
        const r = document.getElementById('canvas').getBoundingClientRect();
        return { left: r.left, top: r.top, width: innerWidth, height: innerHeight };
      });
      const x = Math.round(view.left + b.x + b.w / 2);
      const y = Math.round(view.top + b.y + b.h / 2);
      assert.ok(x > 0 && y > 0 && x < view.width && y < view.height,
        `the Start button's centre (${x}, ${y}) lies inside the ${view.width}x${view.height} viewport (ui.start ${JSON.stringify(b)})`);
      // The click must be the page's first user activation: a driver call that handed out one (as
      // puppeteer's page.evaluate does in Firefox) would let audio start without the click.
      const activated = await engine.evaluate(() => (navigator.userActivation ? navigator.userActivation.hasBeenActive : null));
      assert.notEqual(activated, true, `${engine.name}: the page had a user activation before the click`);
      figures.activated_before_click = activated;
      clickedAt = Date.now();
      await engine.click(x, y);
      const deadline = clickedAt + START_TIMEOUT_MS;
      const first = await waitFor(engine, (s) => s.capturing && live(s.camera) && s.frames_grabbed > 0, {
        timeout: START_TIMEOUT_MS, deadline, what: `capturing with the camera live after a real click at (${x}, ${y})`,
        fail: (s) => (STOPPED.includes(s.camera?.state) ? `the camera is "${s.camera.state}"` : null),
      });
      figures.camera_live_ms = Date.now() - clickedAt;
      const grown = await waitFor(engine, (s) => s.frames_grabbed >= first.frames_grabbed + 5, {
        timeout: Math.max(deadline - Date.now(), 5000), deadline: Math.max(deadline, Date.now() + 5000),
        what: `frames_grabbed to grow past ${first.frames_grabbed} + 5`,
      });
      cameraLive = grown;
      figures.frames_grabbed = grown.frames_grabbed;
    });

    await t.test('the microphone goes live and its samples grow', async (tt) => {
      if (!clickedAt) { tt.skip('Start was not clicked'); return; }
      const deadline = Math.max(clickedAt + START_TIMEOUT_MS, Date.now() + 2000);
      const first = await waitFor(engine, (s) => live(s.microphone) && s.microphone.samples > 0, {
        timeout: deadline - clickedAt, deadline,
        what: `the microphone live with samples arriving, ${START_TIMEOUT_MS / 1000} s after a real click on Start`,
        fail: (s) => (STOPPED.includes(s.microphone?.state) ? `the microphone is "${s.microphone.state}"` : null),
      });
      figures.microphone_live_ms = Date.now() - clickedAt;
      const block = 4096;  // two AudioWorklet blocks
      const grown = await waitFor(engine, (s) => s.microphone.samples >= first.microphone.samples + block, {
        timeout: 5000, what: `microphone.samples to grow past ${first.microphone.samples} + ${block}`,
      });
      figures.samples = grown.microphone.samples;
      figures.sample_rate = grown.microphone.sample_rate;
    });

    await t.test(`${QUIET_MS / 1000} s more: still capturing, frames and samples flowing, no console or page error`, async (tt) => {
      if (!cameraLive) { tt.skip('the camera never went live'); return; }
      const before = await readState(engine);
      await sleep(QUIET_MS);
      const after = await readState(engine);
      figures.quiet = {
        frames: after.frames_grabbed - before.frames_grabbed,
        samples: after.microphone.samples - before.microphone.samples,
        seconds: QUIET_MS / 1000,
      };
      figures.frames_grabbed = after.frames_grabbed;
      figures.samples = after.microphone.samples;
      const errors = await engine.errors();
      assert.deepEqual(errors, [], `${engine.name}: console errors, page errors or CSP violations`);
      assert.ok(after.capturing && live(after.camera), `still capturing with the camera live; ${summary(after)}`);
      assert.ok(after.frames_grabbed > before.frames_grabbed, `frames kept coming: ${summary(after)}`);
      if (live(before.microphone)) {
        assert.ok(after.microphone.samples > before.microphone.samples, `samples kept coming: ${summary(after)}`);
      }
    });
  } finally {
    figures.warnings = await engine.warnings().catch(() => []);
    figures.errors = await engine.errors().catch((e) => [`(could not read: ${e.message})`]);
    figures.total_ms = Date.now() - started;
    figures.page = await engine.evaluate(pageFacts).catch((e) => `(could not read: ${e.message})`);
    await engine.screenshot(screenshot).catch((e) => t.diagnostic(`screenshot failed: ${e.message}`));
    t.diagnostic(`${engine.name}: ${JSON.stringify(figures)}`);
  }
  return figures;
}

// What the engine offered the app, for the report: its WebGL renderer, the service worker's state
// (registered once the app has started) and cross-origin isolation (from the second visit on).
async function pageFacts() {
  /* global navigator, document */
  let renderer = null;
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    const info = gl && gl.getExtension('WEBGL_debug_renderer_info');
    renderer = gl ? gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) : 'no WebGL2';
  } catch (e) { renderer = String(e); }
  let worker = 'no service worker API';
  if (navigator.serviceWorker) {
    const registration = await navigator.serviceWorker.getRegistration().catch((e) => String(e));
    worker = typeof registration === 'string' ? registration
      : registration ? (registration.active?.state ?? registration.installing?.state ?? registration.waiting?.state ?? 'registered')
        : 'not registered';
  }
  return { renderer, serviceWorker: worker, crossOriginIsolated: self.crossOriginIsolated === true };
}

// An error collector for pages whose driver cannot report console messages (WebKitWebDriver has no
// log endpoint and no WebDriver BiDi): records console.error/console.warn calls, uncaught errors,
// failed loads of scripts, images and the like, unhandled rejections and CSP violations. Injected
// after the page's load event, so it misses what happened before that (an error of the loader
// shows as window.attuneState.fatal all the same) and what happens inside workers and worklets.
// Runs in the page: pass it to the driver's execute-script call.
export function installCollector() {
  /* global window, document, console */
  if (window.__attuneCollected) return;
  const collected = window.__attuneCollected = { errors: [], warnings: [] };
  const text = (args) => Array.prototype.map.call(args, (a) => {
    if (a instanceof Error) return `${a.name}: ${a.message}`;
    if (typeof a === 'object') { try { return JSON.stringify(a); } catch (e) { return String(a); } }
    return String(a);
  }).join(' ');
  const error = console.error;
  const warn = console.warn;
  console.error = function () { collected.errors.push(`console.error: ${text(arguments)}`); return error.apply(this, arguments); };
  console.warn = function () { collected.warnings.push(`console.warn: ${text(arguments)}`); return warn.apply(this, arguments); };
  window.addEventListener('error', (e) => {
    if (e.error || e.message) collected.errors.push(`uncaught: ${e.message} (${e.filename}:${e.lineno})`);
    else if (e.target && e.target !== window) collected.errors.push(`failed to load: ${e.target.src || e.target.href || e.target.tagName}`);
  }, true);
  window.addEventListener('unhandledrejection', (e) => collected.errors.push(`unhandled rejection: ${text([e.reason])}`));
  document.addEventListener('securitypolicyviolation', (e) => {
    collected.errors.push(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
  });
}
