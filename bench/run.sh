#!/usr/bin/env bash
# Runs every benchmark and prints their figures (never part of the pass/fail tests). Needs a build:
#   tools/setup.sh && tools/build.sh && bench/run.sh
# The machines are shared and noisy: compare figures taken in one run, and read ratios, not absolutes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p build/bench
echo "# Attune benchmarks ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
echo
echo "## Face pipeline per frame (wasm, 1 thread)"
# The face model without its mirror pass, to measure what flip TTA costs (bench only).
/usr/bin/python3 bench/strip_flip_tta.py models/face_emotion.onnx build/bench/face_emotion_no_flip_tta.onnx || true
node bench/face_bench.mjs --json build/bench/face.json
echo
echo "## Face pipeline beside @vladmandic/face-api (headless Chromium)"
node bench/faceapi_compare.mjs --json build/bench/faceapi_compare.json
echo
echo "## Voice analysis window (wasm, 1 thread)"
node bench/voice_bench.mjs --json build/bench/voice.json
echo
echo "## Catalog load and recommendation query (wasm)"
node bench/recommend_bench.mjs --json build/bench/recommend.json
