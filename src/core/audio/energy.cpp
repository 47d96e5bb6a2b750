#include "core/audio/energy.h"

#include <algorithm>
#include <cmath>

namespace attune::audio {

float rms(const float* frame, std::size_t count) {
  if (count == 0) return 0.0f;
  double acc = 0.0;
  for (std::size_t i = 0; i < count; ++i) acc += static_cast<double>(frame[i]) * frame[i];
  return static_cast<float>(std::sqrt(acc / count));
}

float rms_db(const float* frame, std::size_t count, float floor) {
  return 20.0f * std::log10(std::max(rms(frame, count), floor));
}

float zero_crossing_rate(const float* frame, std::size_t count) {
  if (count < 2) return 0.0f;
  std::size_t crossings = 0;
  for (std::size_t i = 1; i < count; ++i) crossings += (frame[i] >= 0.0f) != (frame[i - 1] >= 0.0f);
  return static_cast<float>(crossings) / static_cast<float>(count - 1);
}

float frame_shimmer(const std::vector<float>& amplitudes, const std::vector<bool>& voiced) {
  double diff_sum = 0.0, amp_sum = 0.0;
  int pairs = 0;
  for (std::size_t i = 1; i < amplitudes.size() && i < voiced.size(); ++i) {
    if (!voiced[i] || !voiced[i - 1]) continue;
    diff_sum += std::fabs(static_cast<double>(amplitudes[i]) - amplitudes[i - 1]);
    amp_sum += 0.5 * (static_cast<double>(amplitudes[i]) + amplitudes[i - 1]);
    ++pairs;
  }
  if (pairs < 2 || amp_sum <= 0.0) return 0.0f;
  return static_cast<float>(diff_sum / amp_sum);
}

}  // namespace attune::audio
