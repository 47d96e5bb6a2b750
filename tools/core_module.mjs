// Loads the wasm core module (build/wasm/attune_core.js, CommonJS) for the Node tools (tools/classify.mjs),
// the benchmarks and the tests. Product code: tests import it from here, never the other way round.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORE_MODULE_PATH = fileURLToPath(new URL('../build/wasm/attune_core.js', import.meta.url));

// `path`: another build's attune_core.js (benchmarks compare builds with it).
export async function loadCore(path = CORE_MODULE_PATH) {
  if (!existsSync(path)) throw new Error(`${path} is missing: run tools/build.sh first`);
  const require = createRequire(import.meta.url);
  const createAttuneCore = require(resolve(path));  // a relative path is the caller's, not this file's
  return createAttuneCore();
}
