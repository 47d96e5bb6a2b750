#include "core/audio/mel.h"

#include <algorithm>
#include <cmath>

namespace attune::audio {

double hz_to_mel(double hz) { return 2595.0 * std::log10(1.0 + hz / 700.0); }
double mel_to_hz(double mel) { return 700.0 * (std::pow(10.0, mel / 2595.0) - 1.0); }

MelFilterbank::MelFilterbank(const MelConfig& config) : config_(config), bins_(config.n_fft / 2 + 1) {
  const int m = config.n_mels;
  weights_.assign(static_cast<std::size_t>(m) * bins_, 0.0f);
  first_.assign(m, bins_);
  last_.assign(m, 0);
  const double mel_lo = hz_to_mel(config.fmin), mel_hi = hz_to_mel(config.fmax);
  std::vector<double> edges(m + 2);
  for (int i = 0; i < m + 2; ++i) edges[i] = mel_to_hz(mel_lo + (mel_hi - mel_lo) * i / (m + 1));
  centres_hz_.assign(edges.begin() + 1, edges.end() - 1);
  for (int i = 0; i < m; ++i) {
    const double lo = edges[i], mid = edges[i + 1], hi = edges[i + 2];
    for (int k = 0; k < bins_; ++k) {
      const double f = static_cast<double>(k) * config.sample_rate / config.n_fft;
      double w = 0.0;
      if (f > lo && f <= mid) w = (f - lo) / (mid - lo);
      else if (f > mid && f < hi) w = (hi - f) / (hi - mid);
      if (w > 0.0) {
        weights_[static_cast<std::size_t>(i) * bins_ + k] = static_cast<float>(w);
        first_[i] = std::min(first_[i], k);
        last_[i] = std::max(last_[i], k + 1);
      }
    }
  }
}

void MelFilterbank::apply(const float* power, float* mel) const {
  for (int i = 0; i < config_.n_mels; ++i) {
    const float* w = &weights_[static_cast<std::size_t>(i) * bins_];
    double acc = 0.0;
    for (int k = first_[i]; k < last_[i]; ++k) acc += static_cast<double>(w[k]) * power[k];
    mel[i] = static_cast<float>(acc);
  }
}

void MelFilterbank::log_mel(const float* power, float* out) const {
  apply(power, out);
  for (int i = 0; i < config_.n_mels; ++i) out[i] = std::log(std::max(out[i], config_.log_floor));
}

}  // namespace attune::audio
