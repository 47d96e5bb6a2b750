#include "core/audio/resampler.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/audio/constants.h"

namespace attune::audio {
namespace {

double bessel_i0(double x) {  // power series; converges fast for the betas we use
  double sum = 1.0, term = 1.0;
  for (int k = 1; k < 50; ++k) {
    term *= (x / (2.0 * k)) * (x / (2.0 * k));
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

}  // namespace

Resampler::Resampler(int in_rate, int out_rate, const ResamplerConfig& config)
    : in_rate_(in_rate), out_rate_(out_rate) {
  const int g = std::gcd(in_rate, out_rate);
  up_ = out_rate / g;
  down_ = in_rate / g;
  if (passthrough()) return;
  taps_ = config.taps_per_phase;
  // Prototype filter at rate up_*in_rate, length up_*taps_, centred.
  const int n = up_ * taps_;
  const double centre = (n - 1) / 2.0;
  // Cut-off in cycles per prototype sample: half the lower rate, relative to up_*in_rate.
  const double fc = config.cutoff * 0.5 * std::min(in_rate, out_rate) / (static_cast<double>(up_) * in_rate);
  const double i0b = bessel_i0(config.kaiser_beta);
  std::vector<double> h(n);
  for (int i = 0; i < n; ++i) {
    const double t = i - centre;
    const double sinc = t == 0.0 ? 2.0 * fc : std::sin(2.0 * kPi * fc * t) / (kPi * t);
    const double r = 2.0 * i / (n - 1) - 1.0;
    const double w = bessel_i0(config.kaiser_beta * std::sqrt(std::max(0.0, 1.0 - r * r))) / i0b;
    h[i] = sinc * w * up_;  // gain up_ restores the level lost to zero-stuffing
  }
  // Polyphase rows: output phase p uses h[p + k*up_] on input x[base - k].
  phases_.assign(static_cast<std::size_t>(up_) * taps_, 0.0f);
  for (int p = 0; p < up_; ++p)
    for (int k = 0; k < taps_; ++k) phases_[static_cast<std::size_t>(p) * taps_ + k] = static_cast<float>(h[p + k * up_]);
  reset();
}

void Resampler::reset() {
  history_.assign(taps_ > 0 ? taps_ - 1 : 0, 0.0f);
  next_in_ = taps_ > 0 ? taps_ - 1 : 0;
  phase_ = 0;
}

double Resampler::delay_input_samples() const {
  if (passthrough()) return 0.0;
  return (static_cast<double>(up_) * taps_ - 1) / 2.0 / up_;
}

void Resampler::process(const float* in, std::size_t count, std::vector<float>& out) {
  if (passthrough()) {
    out.insert(out.end(), in, in + count);
    return;
  }
  history_.insert(history_.end(), in, in + count);
  const long long available = static_cast<long long>(history_.size());
  // Output j sits at prototype time (j*down_); its newest input index is floor(j*down_/up_) and its
  // phase (j*down_) mod up_. We advance (next_in_, phase_) by down_ prototype samples per output.
  while (next_in_ < available) {
    const float* row = &phases_[static_cast<std::size_t>(phase_) * taps_];
    const float* x = &history_[static_cast<std::size_t>(next_in_)];
    // Four independent float accumulators: vectorisable without -ffast-math, and plenty accurate
    // for taps_ ~ 160 terms of a unit-gain filter.
    float acc[4] = {0.0f, 0.0f, 0.0f, 0.0f};
    int k = 0;
    for (; k + 4 <= taps_; k += 4)
      for (int j = 0; j < 4; ++j) acc[j] += row[k + j] * x[-(k + j)];
    for (; k < taps_; ++k) acc[0] += row[k] * x[-k];
    out.push_back((acc[0] + acc[1]) + (acc[2] + acc[3]));
    phase_ += down_;
    next_in_ += phase_ / up_;
    phase_ %= up_;
  }
  // Keep the last taps_-1 samples before next_in_ (and anything after it).
  const long long keep_from = next_in_ - (taps_ - 1);
  if (keep_from > 0) {
    history_.erase(history_.begin(), history_.begin() + static_cast<std::ptrdiff_t>(keep_from));
    next_in_ -= keep_from;
  }
}

}  // namespace attune::audio
