#include "core/audio/summary_stats.h"

#include <algorithm>
#include <cmath>

namespace attune::audio {

Summary summarize(const std::vector<float>& values) {
  Summary s;
  if (values.empty()) return s;
  double sum = 0.0;
  for (float v : values) sum += v;
  const double mean = sum / values.size();
  double var = 0.0;
  for (float v : values) var += (v - mean) * (v - mean);
  s.mean = static_cast<float>(mean);
  s.std = static_cast<float>(std::sqrt(var / values.size()));
  return s;
}

float percentile(std::vector<float> values, float p) {
  if (values.empty()) return 0.0f;
  std::sort(values.begin(), values.end());
  const double pos = std::clamp(p, 0.0f, 100.0f) / 100.0 * (values.size() - 1);
  const std::size_t lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(values.size() - 1, lo + 1);
  const double frac = pos - lo;
  return static_cast<float>(values[lo] + frac * (values[hi] - values[lo]));
}

}  // namespace attune::audio
