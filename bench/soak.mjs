// Soak: the real app in headless Chromium for a long session of fake media (the scripted clip of the
// end-to-end test, looping: faces, speech, no face and silence), sampled every 5 s. It fails on
//   - any console error or page error,
//   - a stalled loop: the frame counter, the camera frames grabbed or the voice analyses not moving
//     for STALL_S seconds,
//   - memory growth beyond the bounds below, from the baseline (1 min, or a third of a short run,
//     after warm-up) to the end: the wasm heap (app) and the JS heap (performance.memory with
//     --enable-precise-memory-info), read after two forced garbage collections 50 ms apart (after a
//     single one the JS heap swung between 19 and 47 MiB from sample to sample, garbage that only the
//     second pass frees; after two it stays within about 1 MiB). Each point is still the floor (the
//     lowest sample) of the FLOOR_S seconds from it: a leak raises the floor, a stray sample does not.
// It also reports the app's own cost per frame (window.attuneState.frame_cost_ms: the whole frame, UI,
// pipelines and drawing submitted; median of the samples' medians over the last 120 frames).
// Figures go to build/bench/soak.json; bench/run.sh runs 10 minutes, tests/e2e/soak.test.mjs 75 s.
//   node bench/soak.mjs [--seconds 600] [--dist OTHER/dist] [--json FILE]     (--dist: another build's site)
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { createClassifier } from '../tools/classify.mjs';
import { startServer } from '../tools/serve.mjs';
import { clickStart, launchBrowser, openPage, waitForState } from '../tests/support/browser.mjs';
import { loadCore } from '../tools/core_module.mjs';
import { writeQuietMedia } from '../tests/support/fake_media.mjs';
import { writeScriptMedia } from '../tests/support/script_media.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
export const BOUNDS = { wasm_heap_growth_mib: 16, js_heap_growth_mib: 16 };
const STALL_S = 15;
const SAMPLE_S = 5;
const FLOOR_S = 20;
const MIB = 1024 * 1024;

// The app's memory and counters, after two garbage collections (Chromium runs with --expose-gc).
function measure(page) {
  return page.evaluate(async () => {
    window.gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
    window.gc();
    const s = window.attuneState;
    return {
      t: performance.now() / 1000,
      wasm_heap_bytes: window.HEAPU8 ? window.HEAPU8.length : null,
      js_heap_bytes: performance.memory.usedJSHeapSize,
      frame: s.frame, frames_grabbed: s.frames_grabbed, voice_analyses: s.voice.analyses,
      detector_runs: s.detector.runs, face_state: s.face.state, voice_state: s.voice.state,
      frame_cost_median_ms: s.frame_cost_ms ? s.frame_cost_ms.median : null, frame_cost_p90_ms: s.frame_cost_ms ? s.frame_cost_ms.p90 : null,
    };
  });
}

export async function runSoak({ seconds = 600, dist = join(root, 'dist'), log = () => {} } = {}) {
  const scratch = join(root, 'build', 'bench-data', 'soak');
  mkdirSync(scratch, { recursive: true });
  const media = (await writeScriptMedia(await loadCore(), await createClassifier(), scratch)) || writeQuietMedia(scratch);
  const { server, url } = await startServer({ root: dist, port: 0, base: '/attune/', quiet: true });
  const context = await launchBrowser({ video: media.video, audio: media.audio,
    extraArgs: ['--enable-precise-memory-info', '--js-flags=--expose-gc'] });
  const failures = [];
  const samples = [];
  try {
    const { page, log: pageLog } = await openPage(context, url);
    await waitForState(page, (s) => ['face_detector', 'face_emotion', 'voice_emotion'].every((m) => s.models[m].state === 'ready'),
      { what: 'the models', timeout: 120000 });
    await clickStart(page);
    await waitForState(page, (s) => s.camera.state === 'live' && s.microphone.state === 'live', { what: 'live devices', timeout: 60000 });
    const started = Date.now();
    while ((Date.now() - started) / 1000 < seconds) {
      const sample = await measure(page);
      sample.elapsed_s = (Date.now() - started) / 1000;
      samples.push(sample);
      log(`${sample.elapsed_s.toFixed(0)} s: frame ${sample.frame}, grabbed ${sample.frames_grabbed}, voice ${sample.voice_analyses}, ` +
          `wasm ${(sample.wasm_heap_bytes / MIB).toFixed(1)} MiB, js ${(sample.js_heap_bytes / MIB).toFixed(1)} MiB`);
      await page.waitForTimeout(SAMPLE_S * 1000);
    }
    samples.push({ ...(await measure(page)), elapsed_s: (Date.now() - started) / 1000 });
    for (const e of [...pageLog.consoleErrors, ...pageLog.pageErrors]) failures.push(`console/page error: ${e}`);
    for (const counter of ['frame', 'frames_grabbed', 'voice_analyses']) {
      // For each sample, the latest one at least STALL_S earlier: the counter must have moved since.
      for (let j = 0, i = -1; j < samples.length; j++) {
        while (i + 1 < j && samples[j].elapsed_s - samples[i + 1].elapsed_s >= STALL_S) i++;
        if (i >= 0 && samples[j].elapsed_s - samples[i].elapsed_s >= STALL_S && samples[j][counter] === samples[i][counter]) {
          failures.push(`stalled: ${counter} stayed at ${samples[j][counter]} from ${samples[i].elapsed_s.toFixed(0)} s to ${samples[j].elapsed_s.toFixed(0)} s`);
          break;
        }
      }
    }
  } finally {
    await context.close();
    server.close();
  }
  // The lowest reading of each heap over the FLOOR_S seconds from `from` (or up to the end).
  const floor = (from) => {
    const window = samples.filter((s) => s.elapsed_s >= from && s.elapsed_s <= from + FLOOR_S);
    const low = (key) => Math.min(...window.map((s) => s[key]));
    return { elapsed_s: from, wasm_heap_mib: low('wasm_heap_bytes') / MIB, js_heap_mib: low('js_heap_bytes') / MIB };
  };
  const last = samples[samples.length - 1].elapsed_s;
  const baseline = floor(Math.min(60, seconds / 3));
  const end = floor(last - FLOOR_S);
  const growth = { wasm_heap_mib: end.wasm_heap_mib - baseline.wasm_heap_mib, js_heap_mib: end.js_heap_mib - baseline.js_heap_mib };
  if (!(growth.wasm_heap_mib <= BOUNDS.wasm_heap_growth_mib)) failures.push(`wasm heap grew ${growth.wasm_heap_mib.toFixed(1)} MiB (bound ${BOUNDS.wasm_heap_growth_mib})`);
  if (!(growth.js_heap_mib <= BOUNDS.js_heap_growth_mib)) failures.push(`JS heap grew ${growth.js_heap_mib.toFixed(1)} MiB (bound ${BOUNDS.js_heap_growth_mib})`);
  const first = samples[0], final = samples[samples.length - 1];
  const median = (values) => (values.length ? [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] : null);
  const costs = (key) => samples.map((s) => s[key]).filter((v) => typeof v === 'number');
  const heaps = samples.map((s) => ({ elapsed_s: +s.elapsed_s.toFixed(1), wasm_heap_mib: +(s.wasm_heap_bytes / MIB).toFixed(2),
                                      js_heap_mib: +(s.js_heap_bytes / MIB).toFixed(2) }));
  return {
    seconds, media: media.faces ? 'scripted clip (FER2013 PublicTest faces, RAVDESS speech)' : 'gradient and silence (no shared data)',
    bounds: BOUNDS, stall_s: STALL_S, floor_s: FLOOR_S, baseline, end, one_minute: last >= 60 + FLOOR_S ? floor(60) : null, growth,
    frames_per_s: (final.frame - first.frame) / (final.elapsed_s - first.elapsed_s),
    camera_frames_processed_per_s: (final.frames_grabbed - first.frames_grabbed) / (final.elapsed_s - first.elapsed_s),
    frame_cost_ms: { median: median(costs('frame_cost_median_ms')), p90: median(costs('frame_cost_p90_ms')) },
    samples: samples.length, heaps, failures, passed: failures.length === 0,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '600' }, dist: { type: 'string' }, json: { type: 'string' } } });
  const result = await runSoak({ seconds: Number(values.seconds), dist: values.dist, log: (line) => console.log(`  ${line}`) });
  console.log(`soak ${result.seconds} s: ${result.passed ? 'passed' : 'FAILED'}; wasm heap ${result.baseline.wasm_heap_mib.toFixed(1)} -> ` +
    `${result.end.wasm_heap_mib.toFixed(1)} MiB, JS heap ${result.baseline.js_heap_mib.toFixed(1)} -> ${result.end.js_heap_mib.toFixed(1)} MiB ` +
    `(from ${result.baseline.elapsed_s.toFixed(0)} s to ${result.end.elapsed_s.toFixed(0)} s); ${result.frames_per_s.toFixed(1)} frames/s, ` +
    `${result.camera_frames_processed_per_s.toFixed(1)} camera frames/s; the app's cost per frame ` +
    `${result.frame_cost_ms.median?.toFixed(2)} ms median, ${result.frame_cost_ms.p90?.toFixed(2)} ms 90th percentile`);
  for (const f of result.failures) console.log(`  failure: ${f}`);
  if (values.json) writeFileSync(values.json, JSON.stringify(result, null, 2));
  process.exitCode = result.passed ? 0 : 1;
}
