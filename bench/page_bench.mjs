// The page as a visitor gets it, in headless Chromium (SwiftShader WebGL2, ONNX Runtime Web with one
// thread, as in the tests), served by tools/serve.mjs from dist/:
//   - first visit: time from navigation to the first frame drawn (window.attuneState appears), to
//     every model ready, and to the first face reading after Start; every file the server sent on
//     that visit (page, service worker precache included), raw and gzip-compressed (zlib level 6,
//     what a gzip-serving host such as GitHub Pages would transfer; tools/serve.mjs itself sends
//     files uncompressed);
//   - the same first visit over a throttled connection (throttledVisit: 10 Mbit/s, 40 ms RTT, gzip);
//   - fused-update latency: from window.attuneDebug.inject(face probabilities) (?debug=inputs) to the
//     published state (window.attuneState, refreshed 5 times a second, what the embedding host and the
//     tests see) showing the moved mood; measured in the page, 20 injections alternating happy/sad.
// Prints figures; never fails on speed.
//   node bench/page_bench.mjs [--json FILE] [--dist OTHER_SITE_DIR]
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';

import { startServer } from '../tools/serve.mjs';
import { clickStart, launchBrowser, openPage, waitForState } from '../tests/support/browser.mjs';
import { composeFrame, decodeFace, ferFaces, H, W } from '../tests/support/face_video.mjs';
import { rgbToYuv420, writeQuietMedia, writeY4m } from '../tests/support/fake_media.mjs';
import { loadCore } from '../tools/core_module.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { json: { type: 'string' }, dist: { type: 'string' } } });
const dist = values.dist ? resolve(values.dist) : join(root, 'dist');  // --dist: another build's site, for a before/after
const scratch = join(root, 'build', 'bench-data', 'page');
const MODELS = ['face_detector', 'face_emotion', 'voice_emotion'];

const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };

// Marks in the page, from its time origin (navigation start): the first published state.
function markFirstFrame() {
  const poll = () => {
    if (window.attuneState) window.attuneFirstStateMs = performance.now();
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

async function firstVisit(media) {
  const { server, url } = await startServer({ root: dist, port: 0, base: '/attune/', quiet: true });
  const sent = [];
  // Bytes actually sent: a 200 carries the file; a 304 (a revalidation, e.g. the service worker's precache
  // right after the page downloaded the same file) carries none.
  server.on('request', (request, response) => response.on('finish', () => {
    if (response.statusCode === 200) sent.push(new URL(request.url, 'http://x').pathname);
  }));
  const context = await launchBrowser(media);
  try {
    await context.addInitScript(markFirstFrame);
    const { page } = await openPage(context, url);
    await waitForState(page, (s) => MODELS.every((m) => s.models[m].state === 'ready'), { what: 'the models', timeout: 120000 });
    const modelsReadyMs = await page.evaluate(() => performance.now());
    const firstFrameMs = await page.evaluate(() => window.attuneFirstStateMs);
    await clickStart(page);
    const clicked = await page.evaluate(() => performance.now());
    await waitForState(page, (s) => s.face.classifications > 0, { what: 'a face reading', timeout: 120000 });
    const firstReadingMs = (await page.evaluate(() => performance.now())) - clicked;
    // Let the service worker finish its precache (part of a first visit's transfer).
    await page.waitForTimeout(15000);
    return { firstFrameMs, modelsReadyMs, firstReadingMs, sent };
  } finally {
    await context.close();
    server.close();
  }
}

// A first visit over a slow connection: Chromium's network emulation (THROTTLE: 10 Mbit/s down and up,
// 40 ms round trip) on the page, the server compressing every response with gzip as GitHub Pages does.
// Navigation to the first frame and to every model ready, as above; each file is compressed once before
// the visit, so that the server's compression time is not counted.
const THROTTLE = { mbit_per_s: 10, rtt_ms: 40 };
async function throttledVisit(media) {
  const { server, url } = await startServer({ root: dist, port: 0, base: '/attune/', quiet: true, gzip: true });
  const context = await launchBrowser(media);
  try {
    for (const rel of readdirSync(dist, { recursive: true }).filter((r) => statSync(join(dist, r)).isFile())) {
      await fetch(new URL(rel, url), { headers: { 'Accept-Encoding': 'gzip' } }).then((r) => r.arrayBuffer()).catch(() => null);
    }
    await context.addInitScript(markFirstFrame);
    const bytesPerS = (THROTTLE.mbit_per_s * 1e6) / 8;
    const { page } = await openPage(context, url, { beforeNavigation: async (p) => {
      const cdp = await context.newCDPSession(p);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: THROTTLE.rtt_ms, downloadThroughput: bytesPerS, uploadThroughput: bytesPerS });
    } });
    await waitForState(page, (s) => MODELS.every((m) => s.models[m].state === 'ready'), { what: 'the models', timeout: 180000 });
    return { ...THROTTLE, navigation_to_models_ready_ms: await page.evaluate(() => performance.now()),
             navigation_to_first_frame_ms: await page.evaluate(() => window.attuneFirstStateMs) };
  } finally {
    await context.close();
    server.close();
  }
}

function transfer(paths) {
  const files = new Map();
  for (const p of paths) {
    const rel = p.replace(/^\/attune\//, '') || 'index.html';
    const file = join(dist, rel.endsWith('/') ? rel + 'index.html' : rel);
    let size;
    try { size = statSync(file).size; } catch { continue; }
    if (!files.has(rel)) files.set(rel, { file: rel, raw: size, gzip: zlib.gzipSync(readFileSync(file), { level: 6 }).length, requests: 0 });
    files.get(rel).requests++;
  }
  const list = [...files.values()].sort((a, b) => b.raw - a.raw);
  const sum = (k) => list.reduce((n, f) => n + f[k], 0);
  // Each 200 response counts (a file sent twice, by the page and by the service worker, counts twice).
  const sent = (k) => list.reduce((n, f) => n + f[k] * f.requests, 0);
  const models = list.filter((f) => extname(f.file) === '.onnx');
  return { files: list, distinct_raw: sum('raw'), distinct_gzip: sum('gzip'), sent_raw: sent('raw'), sent_gzip: sent('gzip'),
           models: models.map(({ file, raw, gzip }) => ({ file, raw, gzip })) };
}

async function fusedLatency(media) {
  const { server, url } = await startServer({ root: dist, port: 0, base: '/attune/', quiet: true });
  const context = await launchBrowser(media);
  try {
    const { page } = await openPage(context, `${url}?debug=inputs`);
    await waitForState(page, (s) => s.frame > 3, { what: 'the frame loop' });
    const latencies = await page.evaluate(async () => {
      const happy = [0, 0, 0, 1, 0, 0, 0], sad = [0, 0, 0, 0, 1, 0, 0];
      const out = [];
      const nextFrame = () => new Promise((r) => requestAnimationFrame(r));
      for (let i = 0; i < 20; i++) {
        const before = JSON.stringify(window.attuneState.mood);
        const t0 = performance.now();
        window.attuneDebug.inject(0, i % 2 ? sad : happy);
        // Give up on one injection after 10 s (a stalled page): it counts as missed, not as a time.
        while (JSON.stringify(window.attuneState.mood) === before && performance.now() - t0 < 10000) await nextFrame();
        out.push(JSON.stringify(window.attuneState.mood) === before ? null : performance.now() - t0);
        await new Promise((r) => setTimeout(r, 300));
      }
      return out;
    });
    const seen = latencies.filter((x) => x !== null);
    return { n: seen.length, missed: latencies.length - seen.length, median_ms: quantile(seen, 0.5), p90_ms: quantile(seen, 0.9),
             max_ms: Math.max(...seen) };
  } finally {
    await context.close();
    server.close();
  }
}

// A face on the fake camera when FER2013 is here (so "first reading" is a real one), else a gradient.
async function fakeMedia() {
  const quiet = writeQuietMedia(scratch);
  const faces = ferFaces(['fer2013/val/happy/PublicTest_58895662.jpg'], join(scratch, 'fer'));
  if (!faces) return quiet;
  const rgb = composeFrame(decodeFace(await loadCore(), faces[0]), 85, 45);
  const video = join(scratch, 'face.y4m');
  writeY4m(video, W, H, 10, [rgbToYuv420(rgb, W, H)]);
  return { video, audio: quiet.audio };
}

mkdirSync(scratch, { recursive: true });
const media = await fakeMedia();
const visit = await firstVisit(media);
const result = {
  first_visit: {
    navigation_to_first_frame_ms: visit.firstFrameMs, navigation_to_models_ready_ms: visit.modelsReadyMs,
    start_to_first_face_reading_ms: visit.firstReadingMs,
  },
  transfer: transfer(visit.sent),
  throttled_first_visit: await throttledVisit(media),
  fused_update: await fusedLatency(media),
};
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`navigation -> first frame ${result.first_visit.navigation_to_first_frame_ms.toFixed(0)} ms; -> models ready ` +
  `${result.first_visit.navigation_to_models_ready_ms.toFixed(0)} ms; Start -> first face reading ${result.first_visit.start_to_first_face_reading_ms.toFixed(0)} ms`);
console.log(`first visit: ${result.transfer.files.length} files, ${kb(result.transfer.distinct_raw)} raw, ${kb(result.transfer.distinct_gzip)} gzip ` +
  `(as sent, 200 responses of page and service worker: ${kb(result.transfer.sent_raw)} raw, ${kb(result.transfer.sent_gzip)} gzip)`);
const slow = result.throttled_first_visit;
console.log(`first visit at ${slow.mbit_per_s} Mbit/s, ${slow.rtt_ms} ms RTT, gzip: navigation -> first frame ${slow.navigation_to_first_frame_ms.toFixed(0)} ms; ` +
  `-> models ready ${slow.navigation_to_models_ready_ms.toFixed(0)} ms`);
for (const f of result.transfer.files.slice(0, 8)) console.log(`  ${f.file}: ${kb(f.raw)} raw, ${kb(f.gzip)} gzip${f.requests > 1 ? ` (x${f.requests})` : ''}`);
console.log(`fused update (inject -> published mood): median ${result.fused_update.median_ms.toFixed(0)} ms, p90 ${result.fused_update.p90_ms.toFixed(0)} ms`);
if (values.json) writeFileSync(values.json, JSON.stringify(result, null, 2));
