// Launches Debian's Chromium headless with SwiftShader WebGL2 and fake camera/microphone, records
// console errors and every network request, for the browser tests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { startServer } from '../../tools/serve.mjs';
import { writeQuietMedia } from './fake_media.mjs';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export const CHROMIUM = process.env.ATTUNE_CHROMIUM || '/usr/bin/chromium';

// Each browser's profile (about 70 MB) is removed when the test process ends, when its browser is gone
// (hundreds of test runs would otherwise fill /tmp). Not on the context's 'close': Chromium still writes
// to it then.
const profiles = [];
process.on('exit', () => {
  for (const dir of profiles) {
    try { rmSync(dir, { recursive: true, force: true }); } catch { /* a browser still running keeps its own */ }
  }
});

// No flag switches a browser policy off (autoplay, user activation): the app must start its sound inside
// the user's gesture as it must for people. `screen`: playwright context options for a device (viewport,
// deviceScaleFactor, isMobile, hasTouch); a 1280x800 desktop window by default.
export async function launchBrowser({ video, audio, denyCamera = false, denyMicrophone = false, extraArgs = [], screen = {} } = {}) {
  const args = [
    '--headless=new', '--no-sandbox', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    '--disable-quic', '--use-fake-device-for-media-stream',
  ];
  if (video) args.push(`--use-file-for-fake-video-capture=${video}`);
  if (audio) args.push(`--use-file-for-fake-audio-capture=${audio}`);
  args.push(...extraArgs);
  const userDataDir = mkdtempSync(join(tmpdir(), 'attune-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args, viewport: { width: 1280, height: 800 }, ...screen,
  });
  const permissions = [];
  if (!denyCamera) permissions.push('camera');
  if (!denyMicrophone) permissions.push('microphone');
  await context.grantPermissions(permissions);
  profiles.push(userDataDir);
  return context;
}

// Opens `url` in a new page of `context`, collecting console errors, page errors and requests.
// beforeNavigation(page): runs before the page loads anything (e.g. network emulation through CDP).
export async function openPage(context, url, { beforeNavigation } = {}) {
  const page = await context.newPage();
  if (beforeNavigation) await beforeNavigation(page);
  const log = { consoleErrors: [], pageErrors: [], requests: [] };
  page.on('console', (m) => { if (m.type() === 'error') log.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  page.on('request', (r) => log.requests.push(r.url()));
  await page.goto(url);
  return { page, log };
}

// Evaluates `expression` (a string) in `target` (a page, or a frame of one) without giving the page a
// user activation. playwright's page.evaluate runs as a user gesture (Runtime.callFunctionOn with
// userGesture: true), which would let the app start its sound without any click or tap and hide the
// very bug browsers' policies catch; the DevTools protocol's Runtime.evaluate does not. In a child
// frame (the embed), the expression runs in the frame's window.
const quietSessions = new WeakMap();
export async function evaluateQuietly(target, expression) {
  const isChild = typeof target.parentFrame === 'function' && target.parentFrame() !== null;
  const page = typeof target.parentFrame === 'function' ? target.page() : target;
  let cdp = quietSessions.get(page);
  if (!cdp) {
    cdp = await page.context().newCDPSession(page);
    quietSessions.set(page, cdp);
  }
  const wrapped = isChild
    ? `(() => { const w = Array.from(document.querySelectorAll('iframe')).map((f) => f.contentWindow)
         .find((w) => { try { return !!w.attuneState; } catch (e) { return false; } });
       return w ? ((window) => JSON.stringify(${expression}))(w) : 'null'; })()`
    : `JSON.stringify(${expression})`;
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression: wrapped, returnByValue: true, userGesture: false });
  if (exceptionDetails) throw new Error(`evaluating ${expression}: ${exceptionDetails.exception?.description || exceptionDetails.text}`);
  return result.value === undefined ? undefined : JSON.parse(result.value);
}

// Makes the page believe its tab was hidden (true) or shown again (false), as switching tabs does;
// without a user activation, like the real thing.
export const setPageHidden = (target, hidden) => evaluateQuietly(target, `(() => {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => ${hidden ? 'true' : 'false'} });
  document.dispatchEvent(new Event('visibilitychange'));
})()`);

// The app's published state (window.attuneState), read without a user activation.
export const readState = (target) => evaluateQuietly(target, 'window.attuneState || null');

// Whether the page (or frame) has had a user activation (a click, tap or key) so far.
export const hasBeenActivated = (target) => evaluateQuietly(target, 'window.navigator.userActivation.hasBeenActive');

// `show` picks the part of the last state that a timeout reports (a whole state is cut short in the log);
// `read` reads something else than the app's state from the page (e.g. its live media tracks).
export async function waitForState(page, predicate, { timeout = 60000, what = 'state', show = (s) => s, read = readState } = {}) {
  const started = Date.now();
  let last;
  while (Date.now() - started < timeout) {
    last = await read(page);
    if (last && predicate(last)) return last;
    await page.waitForTimeout(200);
  }
  const shown = last ? show(last) : last;
  throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(shown)?.slice(0, 1500)}`);
}

// ListChangeGuard::kSettleMs (src/core/list_change_guard.h).
const LIST_SETTLE_MS = 500;

// Waits until the control `name` is wholly shown (not scrolled out of its column) and at rest: the same
// rectangle in two states published by different frames, so that a list still re-ranking or a column
// still scrolling does not move it away between reading its place and pressing it. Two reads of one
// published state prove nothing: on a loaded machine the app draws a few frames a second, and a panel
// that has just opened scrolls into view on the frame after (a click aimed by the older frame missed
// "Keep" that way in CI). A row's button (listen_N, like_N, dislike_N) also waits until the rows have been
// as drawn for half a second: a press sooner than that after they change was aimed at the rows before, and
// the app turns it away (src/core/list_change_guard.h), as it would a person's. Returns that state.
export async function waitForSteadyTarget(page, name) {
  const row = /^(listen|like|dislike)_\d+$/.test(name);
  let previous = null;
  return waitForState(page, (s) => {
    if (row && !(s.time_ms - s.list_guard.changed_ms >= LIST_SETTLE_MS)) return false;
    const r = s.ui && s.ui[name];
    const shown = r && r.w > 0 && r.visible ? { ...r, frame: s.frame } : null;
    if (shown && previous && shown.frame === previous.frame) return false;  // the same frame read again
    const steady = shown && previous && ['x', 'y', 'w', 'h'].every((k) => Math.abs(shown[k] - previous[k]) < 0.5);
    previous = shown;
    return steady;
  }, { what: `visible, steady control "${name}"`, show: (s) => ({ frame: s.frame, ui: s.ui }) });
}

// Clicks a control the app published as a hit target (window.attuneState.ui[name], CSS pixels), once it
// is shown and at rest (waitForSteadyTarget). Returns the state it aimed by: what the person saw when they
// clicked (the track a row's button belongs to is read from it, not from an older state).
export async function clickTarget(page, name) {
  const state = await waitForSteadyTarget(page, name);
  const b = state.ui[name];
  await page.mouse.click(b.x + b.w / 2, b.y + b.h / 2);
  return state;
}

// Taps a published control with a finger (a touch screen's tap: touchstart and touchend at its centre).
// `frame`: the frame the app runs in, when it is embedded; its offset in the page is added.
export async function tapTarget(page, name, { frame = page } = {}) {
  const state = await waitForSteadyTarget(frame, name);
  const offset = await frameOffset(page, frame);
  const b = state.ui[name];
  await page.touchscreen.tap(offset.x + b.x + b.w / 2, offset.y + b.y + b.h / 2);
  return state;  // as clickTarget
}

// Drags a finger from (x, y) by dy CSS pixels over `steps` moves (Chromium DevTools protocol touch events).
export async function touchDrag(page, x, y, dy, { steps = 12 } = {}) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  for (let i = 1; i <= steps; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y + (dy * i) / steps }] });
    await page.waitForTimeout(30);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

// Drags the app's content up with a finger until the control `name` is wholly shown and at rest, then
// returns the state. `frame`: the page, or the frame the app runs in; `viewport`: its size in CSS pixels.
export async function scrollIntoView(page, frame, viewport, name) {
  const offset = await frameOffset(page, frame);
  let previous = null;
  for (let i = 0; i < 16; i++) {
    const s = await readState(frame);
    const r = s.ui[name];
    // Shown, and at rest (the glide after a drag has stopped), so that a tap lands where it aims.
    if (r && r.visible && previous && Math.abs(previous.y - r.y) < 0.5) return s;
    previous = r;
    if (r && r.visible) { await page.waitForTimeout(400); continue; }
    // A finger drag upwards in the lower part of the app moves the content up.
    const x = offset.x + viewport.width * 0.5, y = offset.y + viewport.height * 0.8;
    await touchDrag(page, x, y, -viewport.height * 0.35);
    await page.waitForTimeout(600);  // the glide settles
  }
  throw new Error(`${name} never came into view by dragging`);
}

// Where the app's frame's viewport starts in the page (0, 0 for the page itself), read quietly (playwright's
// element handles would give the page a user activation). The page embeds the app in its first iframe.
export async function frameOffset(page, frame) {
  if (frame === page || frame === page.mainFrame()) return { x: 0, y: 0 };
  return evaluateQuietly(page, `(() => {
    const f = document.querySelector('iframe'), r = f.getBoundingClientRect(), s = getComputedStyle(f);
    return { x: r.left + parseFloat(s.borderLeftWidth) + parseFloat(s.paddingLeft),
             y: r.top + parseFloat(s.borderTopWidth) + parseFloat(s.paddingTop) };
  })()`);
}

// The frame of `page` whose URL contains `part`, once it exists (found without evaluating anything).
export async function waitForFrame(page, part, { timeout = 30000 } = {}) {
  const started = Date.now();
  while (Date.now() - started < timeout) {
    const frame = page.frames().find((f) => f !== page.mainFrame() && f.url().includes(part));
    if (frame) return frame;
    await page.waitForTimeout(100);
  }
  throw new Error(`no frame with "${part}" in its URL`);
}

// A screenshot that gives the page no user activation (playwright's page.screenshot does).
export async function quietScreenshot(page, path) {
  const cdp = await page.context().newCDPSession(page);
  const { data } = await cdp.send('Page.captureScreenshot', { format: 'png' });
  await cdp.detach();
  writeFileSync(path, Buffer.from(data, 'base64'));
}

// Makes the page's browser answer no to WebGL2 (an old GPU, a driver on its block list): call before goto.
export async function withoutWebGL2(page) {
  await page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
      return kind === 'webgl2' ? null : original.call(this, kind, ...rest);
    };
  });
}

export async function clickStart(page) {
  await clickTarget(page, 'start');
}

// The setup of the tests that drive the app by injected readings: dist/ served under /attune/ (as on
// GitHub Pages) and one browser whose fake camera and microphone play a moving gradient and silence.
// Registers the node:test before/after hooks; returns { url, context, screenshots }, filled by `before`.
export function quietAppSession(name) {
  const session = { url: null, context: null, screenshots: join(repoRoot, 'build', 'screenshots') };
  let server;
  before(async () => {
    const scratch = join(repoRoot, 'build', 'browser-tests', name);
    mkdirSync(scratch, { recursive: true });
    mkdirSync(session.screenshots, { recursive: true });
    const { video, audio } = writeQuietMedia(scratch);
    ({ server, url: session.url } = await startServer({ root: join(repoRoot, 'dist'), port: 0, base: '/attune/', quiet: true }));
    session.context = await launchBrowser({ video, audio });
  });
  after(async () => {
    await session.context?.close();
    server?.close();
  });
  return session;
}
