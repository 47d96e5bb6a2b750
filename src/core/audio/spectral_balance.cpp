#include "core/audio/spectral_balance.h"

#include <algorithm>
#include <cmath>

namespace attune::audio {
namespace {

constexpr int kLow = 0, kMid = 1, kHigh = 2, kAbove = -1;

float ratio_db(double numerator, double denominator) {
  constexpr double kTiny = 1e-20;
  return static_cast<float>(10.0 * std::log10((numerator + kTiny) / (denominator + kTiny)));
}

}  // namespace

SpectralBalance::SpectralBalance(const MelFilterbank& mel) {
  for (int i = 0; i < mel.n_mels(); ++i) {
    const double centre = mel.centre_hz(i);
    band_group_.push_back(centre < 1000.0 ? kLow : centre < 2000.0 ? kMid : centre < 5000.0 ? kHigh : kAbove);
  }
}

SpectralBalanceValues SpectralBalance::measure(const float* log_mel) const {
  double low = 0.0, upper = 0.0, peak_low = 0.0, peak_high = 0.0;  // upper: 1-5 kHz
  for (std::size_t i = 0; i < band_group_.size(); ++i) {
    const double power = std::exp(static_cast<double>(log_mel[i]));
    switch (band_group_[i]) {
      case kLow: low += power; peak_low = std::max(peak_low, power); break;
      case kMid: upper += power; peak_low = std::max(peak_low, power); break;
      case kHigh: upper += power; peak_high = std::max(peak_high, power); break;
      default: break;
    }
  }
  return {ratio_db(upper, low), ratio_db(peak_low, peak_high)};
}

}  // namespace attune::audio
