// Starts what the tests in other engines need, and stops all of it again: a virtual X screen (Xvfb,
// started here, so no xvfb-run is needed), a virtual sound card (PulseAudio with a null sink), Firefox
// ESR driven by puppeteer-core over WebDriver BiDi, and WebKitGTK's MiniBrowser (Safari's engine)
// driven by selenium-webdriver through WebKitWebDriver. All from Debian and npm (tools/setup.sh);
// ../shared/DESIGN.md "Real browsers and screens on these machines" says why these and not others.
// Headless Firefox has no WebGL2 here, hence the X screen. These machines have no sound device, and
// Firefox's AudioContext never leaves "suspended" without an output to play to (cubeb: "couldn't init
// pulse's context", "Output number of channels is 0"), gesture or not: hence the sound card, which a
// user's machine has.
//
// Every launcher returns a `close()` that ends the processes it started (by their own process group,
// nothing else) and removes its temporary profile, and never throws: call it in a finally.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import puppeteer from 'puppeteer-core';
import { Builder } from 'selenium-webdriver';

import { startServer } from '../../tools/serve.mjs';

export const XVFB = process.env.ATTUNE_XVFB || '/usr/bin/Xvfb';
export const PULSEAUDIO = process.env.ATTUNE_PULSEAUDIO || '/usr/bin/pulseaudio';
export const FIREFOX = process.env.ATTUNE_FIREFOX || '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER = process.env.ATTUNE_WEBKIT_DRIVER || '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.ATTUNE_MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const SCREEN = { width: 1280, height: 1024 };
export const VIEWPORT = { width: 1280, height: 800 };

// The programs a test needs that are not on this machine (empty when all are there).
export function missingPrograms(...paths) {
  return paths.filter((p) => !existsSync(p)).map((p) => `${p} (run tools/setup.sh)`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish in ${ms / 1000} s`)), ms);
  })]).finally(() => clearTimeout(timer));
}

// What is still running or on disk if this process ends before a close() (a test runner's timeout, an
// exception elsewhere): ended and removed on exit, synchronously.
// Also on SIGINT, SIGTERM and SIGHUP, which would otherwise end this process without an 'exit' event
// (the groups are detached, so a Ctrl+C does not reach them).
const leftovers = { groups: new Set(), dirs: new Set() };
function removeLeftovers() {
  for (const pid of leftovers.groups) { try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ } }
  leftovers.groups.clear();
  for (const dir of leftovers.dirs) rmSync(dir, { recursive: true, force: true });
  leftovers.dirs.clear();
}
process.once('exit', removeLeftovers);
for (const [name, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
  process.once(name, () => { removeLeftovers(); process.exit(128 + number); });
}

// Makes `close` safe to call more than once (from a finally and from an after hook).
function once(close) {
  let closing = null;
  return () => (closing ??= close());
}
function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  leftovers.dirs.add(dir);
  return dir;
}
function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  leftovers.dirs.delete(dir);
}

// Spawns `command` as the leader of a process group of its own, so that it and everything it starts
// (MiniBrowser and its web processes under WebKitWebDriver) can be ended together, and only those.
// Keeps the last `keep` characters of its output (stdout and stderr).
function spawnGroup(command, args, { env = process.env, extraFds = 0, keep: limit = 4000 } = {}) {
  const stdio = ['ignore', 'pipe', 'pipe', ...Array(extraFds).fill('pipe')];
  const child = spawn(command, args, { env, stdio, detached: true });
  child.output = '';
  const keep = (chunk) => { child.output = (child.output + chunk).slice(-limit); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  leftovers.groups.add(child.pid);
  child.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.once('error', (error) => { child.output += `\n${error.message}`; });
  return child;
}

async function endGroup(child) {
  if (!child?.pid) return;
  const signal = (s) => { try { process.kill(-child.pid, s); } catch { /* already gone */ } };
  signal('SIGTERM');
  const ended = await Promise.race([child.exited.then(() => true), sleep(5000).then(() => false)]);
  if (!ended) { signal('SIGKILL'); await Promise.race([child.exited, sleep(2000)]); }
  else signal('SIGKILL');  // the group's other members (browser children), if any are left
  leftovers.groups.delete(child.pid);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
  });
}

// ---- X screen -------------------------------------------------------------------------------------------
// Xvfb picks a free display itself and writes its number to fd 3 (-displayfd) once it accepts clients.
export async function startXvfb({ width = SCREEN.width, height = SCREEN.height } = {}) {
  const child = spawnGroup(XVFB, ['-displayfd', '3', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp'],
    { extraFds: 1 });
  let number = '';
  const display = await withTimeout(new Promise((resolve, reject) => {
    child.stdio[3].on('data', (chunk) => {
      number += chunk;
      if (number.includes('\n')) resolve(`:${number.trim()}`);
    });
    child.exited.then(({ code, signal }) => reject(new Error(`Xvfb ended (${code ?? signal}): ${child.output}`)));
    child.once('error', reject);
  }), 20000, 'starting Xvfb').catch(async (error) => { await endGroup(child); throw error; });
  return { display, close: once(() => endGroup(child)) };
}

// ---- sound card -------------------------------------------------------------------------------------------
// A PulseAudio server of our own (not the user's or the system's: its socket, cookie and state live in
// a temporary folder) with one null sink, which plays to nowhere at real-time pace. Clients find it
// through PULSE_SERVER.
export async function startPulseAudio() {
  const home = tempDir('attune-pulse-');
  const socket = join(home, 'native');
  const env = { ...process.env, HOME: home, XDG_RUNTIME_DIR: home, XDG_CONFIG_HOME: home, XDG_STATE_HOME: home };
  delete env.DISPLAY;  // no X11 bell or dbus autolaunch
  const child = spawnGroup(PULSEAUDIO, [
    '-n', '--daemonize=no', '--exit-idle-time=-1', '--use-pid-file=no', '--system=false',
    '--realtime=no', '--high-priority=no', '--log-target=stderr',
    '-L', `module-native-protocol-unix auth-anonymous=1 socket=${socket}`,
    '-L', 'module-null-sink sink_name=attune_null rate=48000',
  ], { env });
  const close = once(async () => { await endGroup(child); removeDir(home); });
  const started = Date.now();
  while (!existsSync(socket)) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() - started > 20000) {
      await close();
      throw new Error(`PulseAudio did not start: ${child.output}`);
    }
    await sleep(50);
  }
  return { server: `unix:${socket}`, close };
}

// ---- Firefox ESR -------------------------------------------------------------------------------------------
// puppeteer-core's `browser: 'firefox'` speaks WebDriver BiDi to the Debian binary (no download). A
// window on the X screen, not headless (headless Firefox has no WebGL2 here). The fake devices are a
// test pattern and a tone; the permission prompt is off. No pref touches autoplay or user activation.
export async function launchFirefox({ display, pulse, viewport = VIEWPORT } = {}) {
  const profile = tempDir('attune-firefox-');
  const env = { ...process.env, DISPLAY: display, ...(pulse ? { PULSE_SERVER: pulse } : {}) };
  delete env.MOZ_HEADLESS;
  let browser = null;
  const close = once(async () => {
    if (browser) {
      const child = browser.process();
      await withTimeout(browser.close(), 15000, 'closing Firefox').catch(() => {});
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    removeDir(profile);
  });
  try {
    browser = await puppeteer.launch({
      browser: 'firefox', executablePath: FIREFOX, headless: false, userDataDir: profile, env,
      defaultViewport: viewport, args: [`--width=${SCREEN.width}`, `--height=${SCREEN.height}`],
      extraPrefsFirefox: { 'media.navigator.streams.fake': true, 'media.navigator.permission.disabled': true },
      timeout: 60000, protocolTimeout: 60000,
    });
  } catch (error) {
    await close();
    throw error;
  }
  return { browser, close };
}

// Runs `fn` (no arguments) in the page and returns its result, passed through JSON. puppeteer's
// page.evaluate asks WebDriver BiDi for `userActivation: true` on every call, which hands the page a
// user's activation (sticky: Firefox then lets audio start at any later time), so a test that polls
// the state with it cannot tell whether the click did the work. This asks for `userActivation: false`
// through puppeteer-core's BiDi realm (internal API of the pinned 25.x; fails loudly if it moves).
export async function evaluateWithoutActivation(page, fn) {
  const realm = page.mainFrame().mainRealm?.()?.realm;
  if (typeof realm?.callFunction !== 'function') {
    throw new Error('puppeteer-core changed: page.mainFrame().mainRealm().realm.callFunction is gone (tests/support/engines.mjs)');
  }
  const answer = await realm.callFunction(`async () => JSON.stringify(await (${fn})())`, true, { userActivation: false });
  if (answer.type === 'exception') throw new Error(`in the page: ${answer.exceptionDetails?.text}`);
  return JSON.parse(answer.result?.value ?? 'null');
}

// ---- WebKitGTK (MiniBrowser) ------------------------------------------------------------------------------
// WebKitWebDriver on a free port starts MiniBrowser with mock capture devices (a generated picture and
// tone, no prompt). Its caches and data go to a temporary home (XDG_*), so every run starts fresh (no
// service worker or storage left from an earlier run).
export async function launchWebKit({ display, pulse, viewport = VIEWPORT } = {}) {
  const home = tempDir('attune-webkit-');
  const env = {
    ...process.env, DISPLAY: display, ...(pulse ? { PULSE_SERVER: pulse } : {}),
    XDG_CACHE_HOME: join(home, 'cache'), XDG_DATA_HOME: join(home, 'data'), XDG_CONFIG_HOME: join(home, 'config'),
  };
  let server = null;
  let driver = null;
  const close = once(async () => {
    if (driver) await withTimeout(driver.quit(), 15000, 'closing MiniBrowser').catch(() => {});
    await endGroup(server);
    removeDir(home);
  });
  try {
    const port = await freePort();
    server = spawnGroup(WEBKIT_DRIVER, [`--port=${port}`], { env });
    const base = `http://127.0.0.1:${port}`;
    const started = Date.now();
    for (;;) {  // ready once /status answers
      if (server.exitCode !== null) throw new Error(`WebKitWebDriver ended: ${server.output}`);
      try { if ((await fetch(`${base}/status`)).ok) break; } catch { /* not listening yet */ }
      if (Date.now() - started > 20000) throw new Error(`WebKitWebDriver did not answer on ${base}: ${server.output}`);
      await sleep(100);
    }
    driver = await withTimeout(new Builder().usingServer(base).withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': {
        binary: MINIBROWSER,
        args: ['--automation', '--enable-mock-capture-devices=true', '--enable-media-stream=true'],
      },
    }).build(), 60000, 'starting MiniBrowser');
    await driver.manage().setTimeouts({ pageLoad: 60000, script: 30000 });
    await driver.manage().window().setRect({ x: 0, y: 0, width: viewport.width, height: viewport.height });
  } catch (error) {
    const output = server?.output;
    await close();
    error.message += output ? `\nWebKitWebDriver output: ${output}` : '';
    throw error;
  }
  return { driver, close, output: () => server?.output ?? '' };
}

// What an engine test runs in: dist/ served under /attune/ (as GitHub Pages serves it), a virtual screen,
// a virtual sound card, and the browser the test launches (`keep` it to have it closed with the rest).
// Everything stops in `stop()` (safe to call twice) and, should the test time out first, in `after`.
// Throws when a program is missing, naming it.
export function engineEnvironment(...programs) {
  const running = { server: null, x: null, sound: null, browser: null };
  const stop = async () => {
    await running.browser?.close();
    await running.x?.close();
    await running.sound?.close();
    running.server?.close();
    running.server = null;
  };
  after(stop);
  return {
    stop,
    keep: (browser) => { running.browser = browser; return browser; },
    start: async (distRoot) => {
      const missing = missingPrograms(XVFB, PULSEAUDIO, ...programs);
      if (missing.length) throw new Error(`missing: ${missing.join(', ')}`);
      const { server, url } = await startServer({ root: distRoot, port: 0, base: '/attune/', quiet: true });
      running.server = server;
      running.x = await startXvfb();
      running.sound = await startPulseAudio();
      return { url, display: running.x.display, pulse: running.sound.server };
    },
  };
}
