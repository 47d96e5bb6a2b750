// Gathers the figures bench/run.sh wrote to build/bench/*.json into one report: prints it as
// markdown, writes build/bench/report.json, and with --write replaces bench/REPORT.md. A benchmark
// that did not run is shown as "not run", never guessed.
//   node bench/report.mjs [--write]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { CHROMIUM } from '../tests/support/browser.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'build', 'bench');
const { values } = parseArgs({ options: { write: { type: 'boolean', default: false } } });

const load = (name) => {
  const file = join(dir, `${name}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
};
const run = (cmd, args) => { try { return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return 'unknown'; } };
const f = (x, digits = 1) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const kib = (n) => `${f(n / 1024, 0)} KiB`;
const NOT_RUN = '_not run_';

const figures = { face: load('face'), voice: load('voice'), recommend: load('recommend'), page: load('page'),
                  soak: load('soak'), faceapi: load('faceapi_compare'), run: load('run') };
const cpuModel = (run('lscpu', []).match(/Model name:\s*(.+)/) || [])[1] || cpus()[0]?.model || 'unknown';
const machine = {
  cpu: cpuModel, cores: Number(run('nproc', [])), memory_gib: +(totalmem() / 2 ** 30).toFixed(1),
  chromium: run(CHROMIUM, ['--version']), node: process.version,
  date: figures.run?.date || new Date().toISOString(), load_at_start: figures.run?.load || 'unknown',
};

const md = [];
md.push('# Attune benchmark report', '');
md.push(`Measured in one run of \`bench/run.sh\` on ${machine.date} (a section that gives its own date was measured again on its own): ${machine.cpu}, ${machine.cores} cores, ` +
  `${machine.memory_gib} GiB memory; ${machine.chromium} (headless, SwiftShader WebGL2); Node ${machine.node}; ` +
  `load average at the start ${machine.load_at_start}. The machine may be shared with other agents' work (the load ` +
  'average says how busy it was), so absolute times are noisy; compare figures within this run. ONNX Runtime Web runs single-threaded ' +
  'everywhere here (as in the tests; the deployed page uses threads when cross-origin isolated).', '');

md.push('## Page load and first visit (headless Chromium, `bench/page_bench.mjs`)', '');
const page = figures.page;
if (page) {
  const v = page.first_visit, t = page.transfer;
  md.push('| measure | value |', '|---|---:|');
  md.push(`| navigation to first frame drawn | ${f(v.navigation_to_first_frame_ms, 0)} ms |`);
  md.push(`| navigation to all three models ready | ${f(v.navigation_to_models_ready_ms, 0)} ms |`);
  md.push(`| Start to first face reading | ${f(v.start_to_first_face_reading_ms, 0)} ms |`);
  md.push(`| first visit, distinct files | ${t.files.length} files, ${kib(t.distinct_raw)} raw, ${kib(t.distinct_gzip)} gzip |`);
  md.push(`| first visit, as sent (page + service worker precache, 200 responses) | ${kib(t.sent_raw)} raw, ${kib(t.sent_gzip)} gzip ` +
    `(**${f(t.sent_gzip / 1e6, 2)} MB**; goal <= 5.0 MB) |`);
  const slow = page.throttled_first_visit;
  if (slow) {
    md.push(`| first visit at ${slow.mbit_per_s} Mbit/s, ${slow.rtt_ms} ms RTT (gzip): navigation to first frame drawn | ${f(slow.navigation_to_first_frame_ms, 0)} ms |`);
    md.push(`| first visit at ${slow.mbit_per_s} Mbit/s, ${slow.rtt_ms} ms RTT (gzip): navigation to all three models ready | ${f(slow.navigation_to_models_ready_ms, 0)} ms |`);
  }
  md.push('');
  md.push('Sizes are of the files `tools/serve.mjs` sent on a first visit (its request log), compressed here with gzip ' +
    '(zlib level 6): what a gzip-serving host such as GitHub Pages would transfer. `tools/serve.mjs` itself sends files ' +
    'uncompressed. "As sent" counts every response that carried the file (200): the service worker\'s precache asks ' +
    'for each file again with `cache: \'no-cache\'` (revalidate), and `tools/serve.mjs` sends ETag and Last-Modified as ' +
    'GitHub Pages does, so those revalidations get 304 Not Modified and no bytes; a file counts twice only if it was ' +
    'really sent twice.', '');
  if (slow) {
    md.push('The throttled visit is Chromium\'s network emulation on the page (DevTools protocol ' +
      '`Network.emulateNetworkConditions`: the download rate, the upload rate and the round trip above), with ' +
      '`tools/serve.mjs` compressing every response with gzip as GitHub Pages does.', '');
  }
  md.push('| every file of the first visit | raw | gzip |', '|---|---:|---:|');
  for (const file of t.files) md.push(`| \`${file.file}\` | ${kib(file.raw)} | ${kib(file.gzip)} |`);
  md.push('', 'Model downloads: ' + t.models.map((m) => `\`${m.file}\` ${kib(m.raw)} (${kib(m.gzip)} gzip)`).join(', ') + '.', '');
} else md.push(NOT_RUN, '');

md.push('## Face pipeline per frame (wasm, 1 thread, `bench/face_bench.mjs`)', '');
if (figures.face) {
  md.push(`Median of ${figures.face.frames} frames (face found in ${figures.face.faces_found}):`, '');
  md.push('| stage | ms | share |', '|---|---:|---:|');
  for (const [stage, ms] of Object.entries(figures.face.stages_ms_median))
    md.push(`| ${stage} | ${f(ms, 2)} | ${f((100 * ms) / figures.face.total_ms_median, 0)}% |`);
  md.push(`| **total** | **${f(figures.face.total_ms_median, 2)}** | |`, '');
  if (figures.face.settings) {
    const before = figures.face.settings[0];
    md.push('Settings measured interleaved in the same run (ms per frame, medians; ratio to the first row; the app ships the row marked *):', '');
    md.push('| setting | frame with detection | tracked frame | amortised per frame | ratio | CPU time per frame (mean) | crops mirrored |', '|---|---:|---:|---:|---:|---:|---:|');
    for (const x of figures.face.settings) {
      md.push(`| ${x.setting}${x.shipped ? ' *' : ''} | ${f(x.detection_frame_ms, 2)} | ${x.tracked_frame_ms == null ? '-' : f(x.tracked_frame_ms, 2)} | ` +
        `${f(x.amortised_ms_per_frame, 2)} | ${f(x.amortised_ms_per_frame / before.amortised_ms_per_frame, 2)} | ${x.cpu_ms_per_frame_mean ?? 'n/a'} | ${x.crops_mirrored == null ? '-' : f(100 * x.crops_mirrored, 0) + '%'} |`);
    }
    md.push('', 'Wall times include waiting for a core on this shared machine; the CPU time is the benchmark process\'s own ' +
      '(user + system, V8\'s helper threads included), the better figure of what a frame costs when a core is free. ' +
      'Each cycle starts with a new face, whose first crop always goes through the expression model with its mirror image ' +
      '(src/core/flip_tta.h), so the detection frames here all pay the mirror pass; on a face that stays, the app mirrors ' +
      'only after an uncertain crop (the face-api comparison below runs such faces).', '');
  }
} else md.push(NOT_RUN, '');

md.push('## Face pipeline accuracy (`bench/face_pipeline_accuracy.mjs`)', '');
const accuracy = load('face_pipeline_accuracy');
if (accuracy) {
  const pct = (k, n = accuracy.faces) => `${f((100 * k) / n, 1)}%`;
  md.push(`${accuracy.faces} FER2013 PublicTest faces (every ${accuracy.step}th) enlarged onto a 320x240 frame, whole pipeline ` +
    '(a face not found counts as wrong); dim light: 40% of the light, gamma 1.4, sensor noise sd 6:', '');
  // The model this one replaced, measured by the same bench under the same conditions (the face card keeps it).
  const card = JSON.parse(readFileSync(join(root, 'models', 'face_emotion.json'), 'utf8')).metrics_through_the_app_pipeline;
  const previous = new Map((card?.previous_model ? card.rows : []).filter((row) => row.previous_model)
    .map((row) => [`${row.face_px} ${row.detector_input} ${row.light} ${row.pipeline}`, row.previous_model]));
  const was = (r, c) => previous.get(`${r.size} ${c.w}x${c.h} ${c.light} ${c.pipeline}`);
  md.push('| face size | condition | faces found | accuracy | accuracy of faces found | crop-only accuracy |' +
    (previous.size ? ' previous model: found, accuracy, of found, crop-only |' : ''), `|---:|---|---:|---:|---:|---:|${previous.size ? '---|' : ''}`);
  for (const r of accuracy.results) for (const [k, c] of accuracy.conditions.entries()) {
    const x = r.conditions[k], p = was(r, c);
    md.push(`| ${r.size} px | ${c.name} | ${pct(x.found)} | ${pct(x.correct)} | ${pct(x.correct, x.found)} | ${pct(r.cropCorrect)} |` +
      (previous.size ? ` ${p ? `${pct(p.found, 1)}, ${pct(p.accuracy, 1)}, ${pct(p.accuracy_of_found, 1)}, ${pct(p.crop_only_accuracy, 1)}` : 'n/a'} |` : ''));
  }
  if (previous.size) md.push('', `Previous model: ${card.previous_model} (kept in the face card's \`metrics_through_the_app_pipeline\`).`);
  md.push('');
} else md.push(NOT_RUN, '');

md.push('## False faces (`bench/face_false_detections.mjs`)', '');
const falseFaces = load('face_false_detections');
if (falseFaces) {
  md.push(`${falseFaces.photos.length} photos without a face (tools/fetch_background_photos.sh), each whole and as its four quarters ` +
    `enlarged 2x, in normal and dim light; each frame held for ${falseFaces.runs} detector runs. A run that ends on a tracked face is a false face:`, '');
  md.push('| search | light | frames with a false face | detector runs ending on a false face | where |', '|---|---|---:|---:|---|');
  for (const [key, t] of Object.entries(falseFaces.tally)) {
    const [setting, light] = key.split('/');
    md.push(`| ${falseFaces.settings[setting].name} | ${light} | ${t.framesWithFalseFace} of ${t.frames} | ${t.falseRuns} of ${t.runs} | ${t.where.join(' ') || '-'} |`);
  }
  md.push('');
} else md.push(NOT_RUN, '');

md.push('## Steadiness of the shown expression, replayed (`bench/steadiness_replay.mjs`)', '');
const steadiness = load('steadiness_replay');
if (steadiness) {
  md.push(`The clip of \`tests/e2e/steadiness.test.mjs\` (still faces ${steadiness.faces.join(', ')}: 30 s each, the first again ` +
    `at the end) grabbed at ${steadiness.rates} frames a second (${steadiness.seeds} seeds each: ${steadiness.crops_per_schedule.join(', ')} crops), ` +
    'each crop through the app\'s face pipeline, then the core\'s expression smoother under each setting. Changes of the shown ' +
    'label a minute on a still face (from 2 s into each segment), and the time to follow a change of face (model latency not included):', '');
  md.push('| setting | changes/min: mean | worst schedule | single crops, changes/min | follow: median | worst |', '|---|---:|---:|---:|---:|---:|');
  for (const r of steadiness.rows) {
    md.push(`| ${r.setting === 'app default' ? 'the app\'s' : `\`${JSON.stringify(r.setting)}\``} | ${f(r.changes_per_min_mean, 2)} | ` +
      `${f(r.changes_per_min_worst, 2)} | ${f(r.single_crop_changes_per_min, 1)} | ${r.follow_ms_median ?? 'n/a'} ms | ` +
      `${r.follow_ms_worst === null ? 'not followed' : `${r.follow_ms_worst} ms`} |`);
  }
  md.push('');
} else md.push(NOT_RUN, '');

md.push('## Voice analysis window (wasm, 1 thread, `bench/voice_bench.mjs`)', '');
if (figures.voice) {
  const v = figures.voice;
  md.push(`3 s windows, medians of ${v.windows} (${v.speech_windows} with speech): features (live, 1 s hop) ${f(v.stream_features_ms_median, 2)} ms, ` +
    `inference ${f(v.inference_ms_median, 2)} ms, total ${f(v.live_total_ms_median, 2)} ms per 1 s of new audio: ` +
    `**real-time factor ${f(v.real_time_factor, 3)}**. CPU time of the live path (features + inference): ` +
    `${v.live_cpu_ms_per_window ?? 'n/a'} ms per window.`, '');
} else md.push(NOT_RUN, '');

md.push('## Fused-update latency (`bench/page_bench.mjs`)', '');
if (page) {
  const u = page.fused_update;
  md.push(`From \`window.attuneDebug.inject\` of a face reading (\`?debug=inputs\`) to the published state ` +
    `(\`window.attuneState\`, refreshed 5 times a second) showing the moved mood, measured in the page over ${u.n} injections: ` +
    `median ${f(u.median_ms, 0)} ms, 90th percentile ${f(u.p90_ms, 0)} ms, max ${f(u.max_ms, 0)} ms` +
    `${u.missed ? ` (${u.missed} injections showed no change within 10 s and are left out)` : ''}. ` +
    'The state is published at most every 200 ms, so up to 200 ms of each figure is that interval; fusion itself runs in the ' +
    'frame that receives the reading, and the long tail is frames delayed on the loaded machine.', '');
} else md.push(NOT_RUN, '');

md.push('## Recommendation (wasm, `bench/recommend_bench.mjs`)', '');
if (figures.recommend) {
  // Older files hold the rows alone; newer ones also say when they were measured (this section may be
  // measured again on its own after a change to the catalog or the recommender).
  const { measured, results: rows } = Array.isArray(figures.recommend) ? { results: figures.recommend } : figures.recommend;
  if (measured) md.push(`Measured ${measured.date}, load average ${measured.load_average_1_5_15.join(' / ')}.`, '');
  md.push('| tracks | catalog JSON | load (parse + validate + index) | load, CPU time | top-10 query | with 20 votes of feedback | with 200 votes |',
    '|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    md.push(`| ${r.tracks.toLocaleString('en')} | ${r.json_mb} MB | ${r.load_ms} ms | ${r.load_cpu_ms != null ? `${r.load_cpu_ms} ms` : 'n/a'} | ${r.top10_query_ms} ms | ` +
      `${r.top10_query_with_20_votes_ms ?? 'n/a'} ms | ${r.top10_query_with_200_votes_ms ?? 'n/a'} ms |`);
  }
  md.push('');
} else md.push(NOT_RUN, '');

md.push('## Memory and soak (headless Chromium, `bench/soak.mjs`)', '');
const soak = figures.soak;
if (soak) {
  const row = (name, s) => (s ? `| ${name} (lowest of ${f(s.elapsed_s, 0)}-${f(s.elapsed_s + soak.floor_s, 0)} s) | ${f(s.wasm_heap_mib)} MiB | ${f(s.js_heap_mib)} MiB |`
    : `| ${name} | n/a | n/a |`);
  md.push(`${f(soak.seconds / 60, 1)} minutes of ${soak.media}, sampled every 5 s after two forced garbage collections 50 ms apart: ` +
    `**${soak.passed ? 'passed' : 'FAILED'}** (bounds: wasm heap growth <= ${soak.bounds.wasm_heap_growth_mib} MiB and JS heap growth ` +
    `<= ${soak.bounds.js_heap_growth_mib} MiB from ${f(soak.baseline.elapsed_s, 0)} s to the end, each point the lowest reading of the ` +
    `${soak.floor_s} s from it, so that a stray sample does not count; no counter stalled for ` +
    `${soak.stall_s} s; no console error).`, '');
  md.push('| when | wasm heap (app) | JS heap |', '|---|---:|---:|');
  md.push(row('after 1 minute', soak.one_minute), row('end', soak.end), '');
  const cost = soak.frame_cost_ms;
  md.push(`Frame loop ${f(soak.frames_per_s)} frames/s; camera frames processed ${f(soak.camera_frames_processed_per_s)}/s. ` +
    (cost && cost.median != null ? `The app's own cost per frame (UI, pipelines, drawing submitted; \`frame_cost_ms\`): ${f(cost.median, 2)} ms median, ` +
      `${f(cost.p90, 2)} ms 90th percentile. ` : '') +
    'The wasm heap is the app module\'s memory (`HEAPU8.length`); ONNX Runtime Web\'s own wasm memory is not included.', '');
  for (const failure of soak.failures) md.push(`- failure: ${failure}`);
  if (soak.failures.length) md.push('');
} else md.push(NOT_RUN, '');

md.push('## Peer comparison: face-api.js (`bench/faceapi_compare.mjs`)', '');
const fa = figures.faceapi;
if (fa) {
  md.push(`${fa.n_frames} frames, ${fa.n_crops} crops (${fa.machine || 'this machine'}, ${fa.date || machine.date}, load average ${(fa.load_average_1_5_15 || []).join(' / ')}); ${fa.faceapi_setup || ''}:`, '');
  if (fa.one_thread) {
    md.push('| threads | Attune, frame with detection | Attune, amortised (app setting) | face-api, fastest | ratio per detection frame | ratio amortised | faces found, Attune / face-api |',
      '|---|---:|---:|---|---:|---:|---|');
    for (const [label, c] of [['1', fa.one_thread], ['2, cross-origin isolated', fa.two_threads]]) {
      if (!c || c.error) { md.push(`| ${label} | not measured: ${c ? c.error : 'no run'} | | | | | |`); continue; }
      md.push(`| ${label} | ${f(c.ours_ms_detection_frame, 2)} ms | ${f(c.ours_ms_amortised, 2)} ms | ${f(c.faceapi_ms_per_frame, 2)} ms (${c.faceapi}) | ${f(c.ratio_detection_frame, 2)} | ${f(c.ratio_amortised, 2)} | ${c.faces_found.ours} / ${c.faces_found.faceapi} of ${c.faces_found.of} |`);
    }
    md.push('', 'Goals of issue #16 (one thread): per detection frame <= 0.5, amortised <= 0.35. Medians of settled runs: each setting first warms up for 5 s, and ours and face-api on wasm take turns round by round (bench/pages/faceapi_compare.js says why).');
    for (const [label, c] of [['1 thread', fa.one_thread], ['2 threads', fa.two_threads]]) {
      if (c && !c.error && c.ours_ms_detection_frame_mean != null) {
        md.push(`- ${label}, means instead of medians (they count the frames whose crop also went through the model mirrored, ${c.ours_crops_mirrored.detection_every_frame}, and any pause): Attune ${f(c.ours_ms_detection_frame_mean, 2)} ms, face-api ${f(c.faceapi_ms_per_frame_mean, 2)} ms, ratio ${f(c.ratio_detection_frame_of_means, 2)}.`);
      }
    }
    const runs = Object.entries(fa.one_thread.faceapi_runs).map(([k, r]) => `${k} ${r.error ? 'unavailable' : f(r.ms_per_frame_median, 1) + ' ms (' + r.faces_found + ' faces)'}`);
    md.push('', `face-api, every run with one thread (backend@detector input): ${runs.join(', ')}.`, '');
  }
  md.push('| | accuracy on the same PublicTest crops (no detection) |', '|---|---:|');
  md.push(`| Attune | ${f(fa.accuracy_ours, 3)} |`, `| face-api.js (${fa.crops_faceapi_backend}) | ${f(fa.accuracy_faceapi, 3)} |`, '');
} else md.push(NOT_RUN, '');

const text = md.join('\n');
console.log(text);
writeFileSync(join(dir, 'report.json'), JSON.stringify({ machine, ...figures }, null, 2));
if (values.write) writeFileSync(join(root, 'bench', 'REPORT.md'), text);
