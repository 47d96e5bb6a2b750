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
  last_ = frame;
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
  last_ = RgbaView{pixels_.data(), frame.width, frame.height, 0};
  return last_;
}

float ExposureCorrection::lift_share_for_gamma(float gamma) {
  return std::clamp((1.0f - gamma) / (1.0f - kFullLiftGamma), 0.0f, 1.0f);
}

RgbaView ExposureCorrection::for_detector() {
  const float share = lift_share();
  if (share <= 0.0f || last_.width < 3 || last_.height < 3) return last_;
  const int w = last_.width, h = last_.height;
  smoothed_.assign(last_.pixels, last_.pixels + static_cast<std::size_t>(w) * h * 4);  // last_ is packed here
  for (int y = 1; y < h - 1; ++y) {
    const std::uint8_t* rows[3] = {last_.row(y - 1), last_.row(y), last_.row(y + 1)};
    std::uint8_t* out = &smoothed_[static_cast<std::size_t>(y) * w * 4];
    for (int x = 1; x < w - 1; ++x) {
      for (int c = 0; c < 3; ++c) {
        int sum = 0;
        for (const std::uint8_t* row : rows) sum += row[(x - 1) * 4 + c] + row[x * 4 + c] + row[(x + 1) * 4 + c];
        const float blended = rows[1][x * 4 + c] + share * (sum / 9.0f - rows[1][x * 4 + c]);
        out[x * 4 + c] = static_cast<std::uint8_t>(std::lround(blended));
      }
    }
  }
  return RgbaView{smoothed_.data(), w, h, 0};
}

}  // namespace attune::vision
