#include "core/audio/pitch.h"

#include <algorithm>
#include <cmath>

namespace attune::audio {
namespace {

int next_pow2(int n) {
  int p = 1;
  while (p < n) p <<= 1;
  return p;
}

}  // namespace

YinPitch::YinPitch(const PitchConfig& config)
    : config_(config),
      min_lag_(std::max(2, static_cast<int>(std::floor(config.sample_rate / config.fmax)))),
      max_lag_(static_cast<int>(std::ceil(config.sample_rate / config.fmin))),
      fft_(next_pow2(config.integration_length + max_lag_)) {
  const int n = fft_.size();
  a_.assign(n, 0.0f);
  b_.assign(n, 0.0f);
  corr_.assign(n, 0.0f);
  spec_a_.resize(fft_.bins());
  spec_b_.resize(fft_.bins());
  diff_.assign(max_lag_ + 1, 0.0);
  cmnd_.assign(max_lag_ + 1, 1.0f);
}

PitchEstimate YinPitch::estimate(const float* frame) {
  const int w = config_.integration_length, span = frame_span(), n = fft_.size();
  PitchEstimate result;
  double e0 = 0.0;
  for (int j = 0; j < w; ++j) e0 += static_cast<double>(frame[j]) * frame[j];
  std::fill(cmnd_.begin(), cmnd_.end(), 1.0f);
  if (std::sqrt(e0 / w) < config_.min_rms) return result;

  // r(tau) = sum_{j<W} x[j] x[j+tau]: cross-correlation of the first W samples with the span.
  std::copy(frame, frame + w, a_.begin());
  std::fill(a_.begin() + w, a_.end(), 0.0f);
  std::copy(frame, frame + span, b_.begin());
  std::fill(b_.begin() + span, b_.end(), 0.0f);
  fft_.forward(a_.data(), n, spec_a_.data());
  fft_.forward(b_.data(), n, spec_b_.data());
  for (int k = 0; k < fft_.bins(); ++k) spec_a_[k] = std::conj(spec_a_[k]) * spec_b_[k];
  fft_.inverse(spec_a_.data(), corr_.data());  // unnormalised: divide by n

  // e(tau) = sum_{j<W} x[j+tau]^2, slid along with a running sum (in double).
  double e_tau = e0;
  diff_[0] = 0.0;
  for (int tau = 1; tau <= max_lag_; ++tau) {
    e_tau += static_cast<double>(frame[tau + w - 1]) * frame[tau + w - 1] -
             static_cast<double>(frame[tau - 1]) * frame[tau - 1];
    diff_[tau] = std::max(0.0, e0 + e_tau - 2.0 * corr_[tau] / n);
  }
  double running = 0.0;
  cmnd_[0] = 1.0f;
  for (int tau = 1; tau <= max_lag_; ++tau) {
    running += diff_[tau];
    cmnd_[tau] = running > 0.0 ? static_cast<float>(diff_[tau] * tau / running) : 1.0f;
  }

  // First lag under the threshold, then walk down to the local minimum.
  int best = -1;
  for (int tau = min_lag_; tau <= max_lag_; ++tau) {
    if (cmnd_[tau] < config_.threshold) {
      while (tau + 1 <= max_lag_ && cmnd_[tau + 1] < cmnd_[tau]) ++tau;
      best = tau;
      break;
    }
  }
  if (best < 0) {  // unvoiced: report the global minimum's aperiodicity only
    float lowest = 1.0f;
    for (int tau = min_lag_; tau <= max_lag_; ++tau) lowest = std::min(lowest, cmnd_[tau]);
    result.aperiodicity = lowest;
    return result;
  }
  double lag = best;
  if (best > min_lag_ && best < max_lag_) {
    const double l = cmnd_[best - 1], c = cmnd_[best], r = cmnd_[best + 1];
    const double denom = l - 2.0 * c + r;
    if (denom > 0.0) lag = best + 0.5 * (l - r) / denom;
  }
  result.voiced = true;
  result.f0_hz = static_cast<float>(config_.sample_rate / lag);
  result.aperiodicity = cmnd_[best];
  return result;
}

float frame_jitter(const std::vector<PitchEstimate>& track) {
  double diff_sum = 0.0, period_sum = 0.0;
  int pairs = 0;
  for (std::size_t i = 1; i < track.size(); ++i) {
    if (!track[i].voiced || !track[i - 1].voiced) continue;
    const double t0 = 1.0 / track[i - 1].f0_hz, t1 = 1.0 / track[i].f0_hz;
    diff_sum += std::fabs(t1 - t0);
    period_sum += 0.5 * (t0 + t1);
    ++pairs;
  }
  if (pairs < 2 || period_sum <= 0.0) return 0.0f;
  return static_cast<float>(diff_sum / period_sum);
}

}  // namespace attune::audio
