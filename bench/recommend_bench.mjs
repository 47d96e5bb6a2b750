// Catalog load and top-10 query time in wasm (the browser's core code, run in Node) for generated
// catalogs of 1k, 100k and 1M tracks. Prints figures; never fails on speed.
//   node bench/recommend_bench.mjs [--sizes 1000,100000,1000000] [--json FILE] [--core OTHER/attune_core.js]
// --core measures another build of the core module (e.g. the previous commit's) for a before/after.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';

import { loadCore } from '../tools/core_module.mjs';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,100000,1000000' }, json: { type: 'string' }, core: { type: 'string' } } });
const sizes = values.sizes.split(',').map(Number);

// Deterministic pseudo-random tracks, artists repeating every 5,000 tracks.
function catalogJson(n) {
  let seed = 42;
  const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  const tracks = new Array(n);
  for (let i = 0; i < n; i++) {
    tracks[i] = `{"id":"t${i}","artist":"Artist ${i % 5000}","title":"Track ${i}","genre":"g${i % 17}",` +
      `"valence":${rand().toFixed(4)},"arousal":${rand().toFixed(4)},"url":"https://example.org/t${i}"}`;
  }
  return `{"schema":"attune-catalog","version":1,"name":"bench ${n}","tracks":[${tracks.join(',')}]}`;
}

const core = await loadCore(values.core);
// Warm-up: the first call pays for compiling the wasm functions, which is not what we measure.
{
  const text = Buffer.from(catalogJson(2000));
  const ptr = core._malloc(text.length);
  core.HEAPU8.set(text, ptr);
  core._attune_catalog_load(ptr, text.length, 1024);
  core._free(ptr);
}
// Mean time of a top-10 query at random moods, cycling through the four strategies.
function meanQueryMs(queries) {
  const out = core._malloc(10 * 4);
  let seed = 7;
  const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  for (let i = 0; i < 50; i++) core._attune_recommend(rand(), rand(), 0, 10, out);  // warm-up
  const t0 = performance.now();
  for (let i = 0; i < queries; i++) core._attune_recommend(rand(), rand(), i % 4, 10, out);
  const ms = (performance.now() - t0) / queries;
  core._free(out);
  return ms;
}

const results = [];
for (const n of sizes) {
  const text = Buffer.from(catalogJson(n));
  const ptr = core._malloc(text.length);
  core.HEAPU8.set(text, ptr);
  const t0 = performance.now(), cpu0 = process.cpuUsage();
  const loaded = core._attune_catalog_load(ptr, text.length, 1024);
  const loadMs = performance.now() - t0, cpu = process.cpuUsage(cpu0);
  // CPU time too: on a shared machine wall time includes waiting for a core (V8's helper threads,
  // e.g. GC, count in CPU time, so it is an upper bound of the loader's own work).
  const loadCpuMs = (cpu.user + cpu.system) / 1000;
  core._free(ptr);
  if (loaded !== n) throw new Error(`loading ${n} tracks failed: ${core.UTF8ToString(core._attune_last_error())}`);

  const queryMs = meanQueryMs(2000);
  // A listener's feedback: 20 votes, then 200 (3 of 5 up, the rest down) on tracks spread over the
  // catalog. Liked artists, genres and neighbourhoods raise tracks anywhere, so the search must look
  // further than the nearest. (Builds before the export existed, measured with --core, skip this.)
  let votes20Ms = null, votes200Ms = null;
  if (core._attune_feedback_vote) {
    let vseed = 99;
    const pick = () => (vseed = (vseed * 1664525 + 1013904223) >>> 0) % n;
    for (let v = 0; v < 20; v++) core._attune_feedback_vote(pick(), v % 5 < 3 ? 1 : -1);
    votes20Ms = meanQueryMs(500);
    for (let v = 20; v < 200; v++) core._attune_feedback_vote(pick(), v % 5 < 3 ? 1 : -1);
    votes200Ms = meanQueryMs(500);
  }
  const fixed = (x) => (x === null ? null : +x.toFixed(4));
  results.push({ tracks: n, json_mb: +(text.length / 1e6).toFixed(1), load_ms: +loadMs.toFixed(1), load_cpu_ms: +loadCpuMs.toFixed(1),
    top10_query_ms: fixed(queryMs), top10_query_with_20_votes_ms: fixed(votes20Ms), top10_query_with_200_votes_ms: fixed(votes200Ms) });
}

console.log('| tracks | catalog JSON | load (parse + validate + index) | load, CPU time | top-10 query (mean of 2,000, all strategies) | with 20 votes of feedback (mean of 500) | with 200 votes |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(`| ${r.tracks.toLocaleString('en')} | ${r.json_mb} MB | ${r.load_ms} ms | ${r.load_cpu_ms} ms | ${r.top10_query_ms} ms | ` +
    `${r.top10_query_with_20_votes_ms} ms | ${r.top10_query_with_200_votes_ms} ms |`);
}
const first = results[0], last = results[results.length - 1];
console.log(`\ncatalog ${last.tracks / first.tracks}x larger -> query ${(last.top10_query_ms / first.top10_query_ms).toFixed(1)}x slower`);
// When and under what load: bench/report.mjs says so when this ran apart from the rest of bench/run.sh.
const measured = { date: new Date().toISOString(), load_average_1_5_15: loadavg().map((x) => +x.toFixed(2)) };
if (values.json) writeFileSync(values.json, JSON.stringify({ measured, results }, null, 2));
