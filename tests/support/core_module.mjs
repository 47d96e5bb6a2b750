// Loads the wasm core module (build/wasm/attune_core.js, CommonJS) for Node tools and tests.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const CORE_MODULE_PATH = fileURLToPath(new URL('../../build/wasm/attune_core.js', import.meta.url));

export async function loadCore() {
  if (!existsSync(CORE_MODULE_PATH)) throw new Error(`${CORE_MODULE_PATH} is missing: run tools/build.sh first`);
  const require = createRequire(import.meta.url);
  const createAttuneCore = require(CORE_MODULE_PATH);
  return createAttuneCore();
}
