// How a recording (a file, not a live stream) is cut into analysis windows, and how the windows'
// model outputs become one prediction for the file. Shared by the native featurizer (training data)
// and the Node classifier (wasm), so both cut and average identically.
//
// Windows start at 0, hop, 2*hop, ... while a whole window fits, plus one window ending at the
// recording's end when the last start leaves at least hop/2 samples uncovered. A recording no longer
// than one window gives a single window at 0 (the extractor zero-pads it).
#pragma once

#include <array>
#include <cstddef>
#include <vector>

namespace attune::audio {

std::vector<std::size_t> analysis_window_starts(std::size_t samples, std::size_t window, std::size_t hop);

// Mean of the probability vectors of the windows with speech; of all windows when none has speech.
// Returns false (and leaves `out` zero) when there are no windows.
template <std::size_t N>
bool average_window_probs(const std::vector<std::array<float, N>>& probs, const std::vector<bool>& has_speech,
                          std::array<float, N>& out) {
  out.fill(0.0f);
  if (probs.empty()) return false;
  bool any_speech = false;
  for (std::size_t i = 0; i < probs.size() && i < has_speech.size(); ++i) any_speech = any_speech || has_speech[i];
  std::array<double, N> acc{};
  std::size_t count = 0;
  for (std::size_t i = 0; i < probs.size(); ++i) {
    if (any_speech && !(i < has_speech.size() && has_speech[i])) continue;
    for (std::size_t k = 0; k < N; ++k) acc[k] += probs[i][k];
    ++count;
  }
  for (std::size_t k = 0; k < N; ++k) out[k] = static_cast<float>(acc[k] / count);
  return true;
}

}  // namespace attune::audio
