#!/usr/bin/env bash
# Runs every benchmark and prints their figures (never part of the pass/fail tests). Needs a build:
#   tools/setup.sh && tools/build.sh && bench/run.sh
# Ends with the report (bench/report.mjs): markdown here, build/bench/report.json; `bench/run.sh --write`
# also replaces bench/REPORT.md. The soak lasts ATTUNE_SOAK_SECONDS (default 600).
# The machines are shared and noisy: compare figures taken in one run, and read ratios, not absolutes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p build/bench
rm -f build/bench/*.json
started="$(date -u '+%Y-%m-%d %H:%M UTC')"
load="$(cut -d' ' -f1-3 /proc/loadavg)"
printf '{"date": "%s", "load": "%s"}\n' "$started" "$load" > build/bench/run.json
echo "# Attune benchmarks ($started, $(nproc) cores, load $load)"
echo
echo "## Face pipeline per frame (wasm, 1 thread)"
node bench/face_bench.mjs --json build/bench/face.json
echo
echo "## Face pipeline accuracy (PublicTest faces at webcam sizes, normal and dim light)"
node bench/face_pipeline_accuracy.mjs --json build/bench/face_pipeline_accuracy.json
echo
echo "## False faces (photos without a face, normal and dim light)"
{ bash tools/fetch_background_photos.sh && node bench/face_false_detections.mjs --json build/bench/face_false_detections.json; } \
  || echo "(the false-face benchmark did not run: see above)"
echo
echo "## Steadiness of the shown expression, replayed (the steadiness test's clip at 5/7/9 crops a second)"
node bench/steadiness_replay.mjs --json build/bench/steadiness_replay.json
echo
echo "## Face pipeline beside @vladmandic/face-api (headless Chromium)"
node bench/faceapi_compare.mjs --json build/bench/faceapi_compare.json || echo "(the face-api comparison failed)"
echo
echo "## Voice analysis window (wasm, 1 thread)"
node bench/voice_bench.mjs --json build/bench/voice.json
echo
echo "## Catalog load and recommendation query (wasm)"
node bench/recommend_bench.mjs --json build/bench/recommend.json
echo
echo "## Page load, first-visit transfer, fused-update latency (headless Chromium)"
node bench/page_bench.mjs --json build/bench/page.json
echo
echo "## Soak: ${ATTUNE_SOAK_SECONDS:-600} s of fake media (headless Chromium)"
node bench/soak.mjs --seconds "${ATTUNE_SOAK_SECONDS:-600}" --json build/bench/soak.json || echo "(the soak FAILED: see above)"
echo
node bench/report.mjs "$@"
