// The core module's expression smoother (src/core/expression_smoother.h, through
// src/platform/node/core_module.cpp) for the benches that replay what the face stage shows: crops'
// probabilities in, the shown label and the combined probabilities out, as the app smooths them.
const SETTING_KEYS = ['half_life_s', 'window_s', 'max_crops', 'switch_margin', 'confirm_s', 'switch_ratio'];

export function createSmoother(core) {
  const probsPtr = core._malloc(7 * 4), combinedPtr = core._malloc(7 * 4);
  return {
    // A fresh smoother; `setting` holds ExpressionSmoothingConfig fields by SETTING_KEYS name, the rest
    // the app's defaults. Throws on a setting the core refuses.
    configure(setting = {}) {
      if (!core._attune_smoother_configure(...SETTING_KEYS.map((key) => (key in setting ? setting[key] : -1)))) {
        throw new Error(`setting ${JSON.stringify(setting)}: ${core.UTF8ToString(core._attune_last_error())}`);
      }
    },
    reset() { core._attune_smoother_reset(); },
    // One crop: its 7 probabilities, quality and time (s). Returns the shown label's index (-1: refused)
    // and a copy of the combined probabilities.
    add(probs, quality, timeS) {
      core.HEAPF32.set(probs, probsPtr >> 2);
      const label = core._attune_smoother_add(probsPtr, quality, timeS, combinedPtr);
      return { label, combined: core.HEAPF32.slice(combinedPtr >> 2, (combinedPtr >> 2) + 7) };
    },
  };
}
