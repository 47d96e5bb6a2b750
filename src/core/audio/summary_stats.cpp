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

float slope(const std::vector<float>& x, const std::vector<float>& y) {
  const std::size_t n = std::min(x.size(), y.size());
  if (n < 2) return 0.0f;
  double mx = 0.0, my = 0.0;
  for (std::size_t i = 0; i < n; ++i) mx += x[i], my += y[i];
  mx /= n;
  my /= n;
  double sxy = 0.0, sxx = 0.0;
  for (std::size_t i = 0; i < n; ++i) sxy += (x[i] - mx) * (y[i] - my), sxx += (x[i] - mx) * (x[i] - mx);
  return sxx > 0.0 ? static_cast<float>(sxy / sxx) : 0.0f;
}

}  // namespace attune::audio
