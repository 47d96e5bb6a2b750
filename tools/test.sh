#!/usr/bin/env bash
# README command two: set everything up, build everything, run every test.
#   1. native unit tests of src/core (GoogleTest under ctest) and the catalog fuzzer run for a fixed time
#   2. the wasm core module in Node (node --test)
#   3. the real app with fake camera and microphone: headless Chromium (playwright-core; desktop, and
#      emulated phone, tablet and embed), Firefox ESR (puppeteer-core) and WebKitGTK (selenium-webdriver)
#      on their own virtual screen
#   4. end to end in the same browser: a scripted clip of emotions, bad input, a 75 s soak (tests/e2e)
# Ends with one line "tests: N passed, N failed". Exits non-zero if anything failed.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
started=$(date +%s)

bash tools/setup.sh || exit 1
bash tools/build.sh || exit 1

mkdir -p build/test-logs
passed=0
failed=0
status=0

count_node() {  # adds the "# pass N" / "# fail N" lines of a node --test log to the totals
  local p f
  p=$(grep -E '^# pass [0-9]+' "$1" | tail -1 | awk '{print $3}')
  f=$(grep -E '^# fail [0-9]+' "$1" | tail -1 | awk '{print $3}')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
}

echo "[test] native unit tests (ctest)"
ctest --test-dir build/native --output-on-failure 2>&1 | tee build/test-logs/ctest.log
[[ ${PIPESTATUS[0]} == 0 ]] || status=1
summary=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' build/test-logs/ctest.log | tail -1)
if [[ -n $summary ]]; then
  total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$summary")
  bad=$(sed -E 's/.*tests passed, ([0-9]+) tests failed.*/\1/' <<<"$summary")
  passed=$((passed + total - bad))
  failed=$((failed + bad))
else
  status=1
fi

echo "[test] catalog fuzzer (fixed time)"
ctest --test-dir build/fuzz -R catalog_fuzz --output-on-failure 2>&1 | tee build/test-logs/fuzz.log
[[ ${PIPESTATUS[0]} == 0 ]] || status=1
if grep -qE '100% tests passed, 0 tests failed out of 1' build/test-logs/fuzz.log; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
fi

echo "[test] wasm core module in Node"
node --test tests/wasm/*.test.mjs 2>&1 | tee build/test-logs/wasm.log
[[ ${PIPESTATUS[0]} == 0 ]] || status=1
count_node build/test-logs/wasm.log

echo "[test] browser (Chromium desktop, phone, tablet, embed; Firefox; WebKit; fake camera and microphone)"
node --test --test-concurrency=1 tests/browser/*.test.mjs 2>&1 | tee build/test-logs/browser.log
[[ ${PIPESTATUS[0]} == 0 ]] || status=1
count_node build/test-logs/browser.log

echo "[test] end to end (scripted clip, bad input, short soak)"
node --test --test-concurrency=1 tests/e2e/*.test.mjs 2>&1 | tee build/test-logs/e2e.log
[[ ${PIPESTATUS[0]} == 0 ]] || status=1
count_node build/test-logs/e2e.log

echo "[test] took $(( $(date +%s) - started )) s; screenshots in build/screenshots/"
echo "tests: $passed passed, $failed failed"
((failed == 0)) || status=1
exit $status
