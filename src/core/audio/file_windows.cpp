#include "core/audio/file_windows.h"

namespace attune::audio {

std::vector<std::size_t> analysis_window_starts(std::size_t samples, std::size_t window, std::size_t hop) {
  std::vector<std::size_t> starts{0};
  if (samples <= window || hop == 0) return starts;
  for (std::size_t s = hop; s + window <= samples; s += hop) starts.push_back(s);
  if (starts.back() + window + hop / 2 <= samples) starts.push_back(samples - window);
  return starts;
}

}  // namespace attune::audio
