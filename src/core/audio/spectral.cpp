#include "core/audio/spectral.h"

#include <algorithm>
#include <cmath>

namespace attune::audio {

SpectralAnalyzer::SpectralAnalyzer(const SpectralConfig& config)
    : config_(config), bins_(config.n_fft / 2 + 1), magnitude_(bins_), previous_(bins_) {
  const double bin_hz = static_cast<double>(config.sample_rate) / config.n_fft;
  flat_lo_ = std::max(0, static_cast<int>(std::ceil(config.flatness_lo_hz / bin_hz)));
  flat_hi_ = std::min(bins_ - 1, static_cast<int>(std::floor(config.flatness_hi_hz / bin_hz)));
}

void SpectralAnalyzer::reset() { has_previous_ = false; }

SpectralShape SpectralAnalyzer::process(const float* power) {
  SpectralShape s;
  const double bin_hz = static_cast<double>(config_.sample_rate) / config_.n_fft;
  double mag_sum = 0.0, weighted = 0.0, power_sum = 0.0;
  for (int k = 0; k < bins_; ++k) {
    magnitude_[k] = std::sqrt(std::max(0.0f, power[k]));
    mag_sum += magnitude_[k];
    weighted += magnitude_[k] * k * bin_hz;
    power_sum += power[k];
  }
  s.centroid_hz = mag_sum > 0.0 ? static_cast<float>(weighted / mag_sum) : 0.0f;

  if (power_sum > 0.0) {
    const double target = config_.rolloff_fraction * power_sum;
    double cumulative = 0.0;
    int k = 0;
    for (; k < bins_ - 1; ++k) {
      cumulative += power[k];
      if (cumulative >= target) break;
    }
    s.rolloff_hz = static_cast<float>(k * bin_hz);
  }

  double log_sum = 0.0, lin_sum = 0.0;
  const int count = flat_hi_ - flat_lo_ + 1;
  for (int k = flat_lo_; k <= flat_hi_; ++k) {
    const double p = std::max(static_cast<double>(power[k]), 1e-20);
    log_sum += std::log(p);
    lin_sum += p;
  }
  s.flatness = lin_sum > 0.0 ? static_cast<float>(std::exp(log_sum / count) / (lin_sum / count)) : 0.0f;

  if (mag_sum > 0.0)
    for (int k = 0; k < bins_; ++k) magnitude_[k] = static_cast<float>(magnitude_[k] / mag_sum);
  if (has_previous_) {
    double acc = 0.0;
    for (int k = 0; k < bins_; ++k) {
      const double d = static_cast<double>(magnitude_[k]) - previous_[k];
      acc += d * d;
    }
    s.flux = static_cast<float>(std::sqrt(acc));
  }
  std::swap(magnitude_, previous_);
  has_previous_ = true;
  return s;
}

}  // namespace attune::audio
