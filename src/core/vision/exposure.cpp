#include "core/vision/exposure.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace attune::vision {

namespace {

// Mean BT.601 luma of every 4th pixel of every 4th row, 0..1: enough to judge the exposure.
float mean_level(const RgbaView& frame) {
  double sum = 0;
  long count = 0;
  for (int y = 0; y < frame.height; y += 4) {
    const std::uint8_t* row = frame.row(y);
    for (int x = 0; x < frame.width; x += 4, ++count)
      sum += 0.299 * row[x * 4] + 0.587 * row[x * 4 + 1] + 0.114 * row[x * 4 + 2];
  }
  return count ? static_cast<float>(sum / count / 255.0) : 1.0f;
}

}  // namespace

float ExposureCorrection::gamma_for_mean(float mean) {
  if (!(mean < kTargetMean)) return 1.0f;
  if (!(mean > 0.0f)) return kMinGamma;
  return std::clamp(std::log(kTargetMean) / std::log(mean), kMinGamma, 1.0f);
}

RgbaView ExposureCorrection::apply(const RgbaView& frame) {
  gamma_ = frame.empty() ? 1.0f : gamma_for_mean(mean_level(frame));
  if (gamma_ >= 1.0f) return frame;
  std::array<std::uint8_t, 256> curve{};
  for (int v = 0; v < 256; ++v) curve[v] = static_cast<std::uint8_t>(std::lround(255.0 * std::pow(v / 255.0, gamma_)));
  pixels_.resize(static_cast<std::size_t>(frame.width) * frame.height * 4);
  std::uint8_t* out = pixels_.data();
  for (int y = 0; y < frame.height; ++y) {
    const std::uint8_t* row = frame.row(y);
    for (int x = 0; x < frame.width; ++x, out += 4) {
      out[0] = curve[row[x * 4]];
      out[1] = curve[row[x * 4 + 1]];
      out[2] = curve[row[x * 4 + 2]];
      out[3] = row[x * 4 + 3];
    }
  }
  return RgbaView{pixels_.data(), frame.width, frame.height, 0};
}

}  // namespace attune::vision
