#!/usr/bin/env bash
# README command two: set everything up, build everything, run every test.
#   1. native unit tests of src/core (GoogleTest under ctest) and the catalog fuzzer run for a fixed time
#   2. the wasm core module in Node (node --test)
#   3. the real app with fake camera and microphone: headless Chromium (playwright-core; desktop, and
#      emulated phone, tablet and embed), Firefox ESR (puppeteer-core) and WebKitGTK (selenium-webdriver)
#      on their own virtual screen
#   4. end to end in the same browser: a scripted clip of emotions, bad input, a 75 s soak (tests/e2e)
# Ends with one line "tests: N passed, N failed, N skipped" after the names of the skipped tests (tests
# that need ../shared/data skip without it). Exits non-zero if anything failed; with
# ATTUNE_REQUIRE_DATA=1 (.ci/run, which always has ../shared) a skipped test counts as a failure too.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
started=$(date +%s)

bash tools/setup.sh || exit 1
bash tools/build.sh || exit 1

mkdir -p build/test-logs
passed=0
failed=0
skipped=0
skipped_names=()
status=0

count_node() {  # adds the "# pass N" / "# fail N" / "# skipped N" lines of a node --test log to the totals
  local p f s c line
  p=$(grep -E '^# pass [0-9]+' "$1" | tail -1 | awk '{print $3}')
  f=$(grep -E '^# fail [0-9]+' "$1" | tail -1 | awk '{print $3}')
  c=$(grep -E '^# cancelled [0-9]+' "$1" | tail -1 | awk '{print $3}')  # a test that timed out
  s=$(grep -E '^# skipped [0-9]+' "$1" | tail -1 | awk '{print $3}')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${c:-0}))
  skipped=$((skipped + ${s:-0}))
  while IFS= read -r line; do skipped_names+=("$line"); done < <(grep -E '^ *ok [0-9]+ - .* # SKIP' "$1" | sed -E 's/^ *ok [0-9]+ - //')
}

echo "[test] native unit tests (ctest)"
ctest --test-dir build/native --output-on-failure 2>&1 | tee build/test-logs/ctest.log
[[ ${PIPESTATUS[0]} == 0 ]] || status=1
summary=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' build/test-logs/ctest.log | tail -1)
if [[ -n $summary ]]; then
  total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$summary")
  bad=$(sed -E 's/.*tests passed, ([0-9]+) tests failed.*/\1/' <<<"$summary")
  # ctest counts a GoogleTest skip (GTEST_SKIP) as passed; its per-test line says "***Skipped".
  while IFS= read -r line; do skipped_names+=("$line"); done < <(grep -E '\*\*\*Skipped' build/test-logs/ctest.log | sed -E 's/^ *[0-9]+\/[0-9]+ Test +#[0-9]+: ([^ ]+).*/\1 (native)/')
  native_skipped=$(grep -cE '\*\*\*Skipped' build/test-logs/ctest.log || true)
  passed=$((passed + total - bad - native_skipped))
  failed=$((failed + bad))
  skipped=$((skipped + native_skipped))
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
if ((skipped > 0)); then
  echo "skipped:"
  printf '  %s\n' "${skipped_names[@]}"
  if [[ ${ATTUNE_REQUIRE_DATA:-0} == 1 ]]; then
    echo "[test] ATTUNE_REQUIRE_DATA=1: every test must run here (is ../shared/data complete?); the skips count as failures"
    failed=$((failed + skipped))
  fi
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
((failed == 0)) || status=1
exit $status
