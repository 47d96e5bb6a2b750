#!/usr/bin/env bash
# Builds Attune and assembles the static site in dist/.
#   tools/build.sh          native (core library, unit tests, tools, catalog fuzzer) + web (app, wasm core module) + dist/
#   tools/build.sh --web    web only (what serving needs)
# Run tools/setup.sh first (tools/serve.sh and tools/test.sh do).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}  # Debian's emcc needs its acorn optimizer from here

web_only=0
[[ ${1:-} == --web ]] && web_only=1
mkdir -p build

if ((web_only == 0)); then
  echo "[build] native"
  cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release >build/native-configure.log 2>&1 \
    || { cat build/native-configure.log; exit 1; }
  cmake --build build/native

  echo "[build] catalog fuzzer (clang, libFuzzer + ASan + UBSan)"
  CC=clang CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=Release >build/fuzz-configure.log 2>&1 \
    || { cat build/fuzz-configure.log; exit 1; }
  cmake --build build/fuzz --target catalog_fuzz
fi

echo "[build] web (emscripten)"
emcmake cmake -S . -B build/wasm -G Ninja -DCMAKE_BUILD_TYPE=Release >build/wasm-configure.log 2>&1 \
  || { cat build/wasm-configure.log; exit 1; }
cmake --build build/wasm

echo "[build] dist/"
bash tools/assemble_dist.sh build/wasm dist
