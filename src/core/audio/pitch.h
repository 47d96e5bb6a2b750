// Pitch (f0) per frame with YIN (de Cheveigne & Kawahara 2002): difference function,
// cumulative-mean normalisation, absolute threshold, parabolic interpolation. The difference
// function is computed through the real FFT (d(tau) = e(0) + e(tau) - 2 r(tau)), so one frame costs
// two FFTs instead of W*tau_max multiplies.
//
// A frame needs integration_length + max_lag samples (max_lag = ceil(sr / fmin)).
#pragma once

#include <memory>
#include <vector>

#include "core/audio/real_fft.h"

namespace attune::audio {

struct PitchConfig {
  int sample_rate = 16000;
  int integration_length = 400;  // W, samples summed per lag
  float fmin = 60.0f;
  float fmax = 500.0f;
  float threshold = 0.2f;        // on the normalised difference; lower = stricter voicing
  float min_rms = 1e-4f;         // quieter frames are unvoiced without analysis
};

struct PitchEstimate {
  bool voiced = false;
  float f0_hz = 0.0f;         // 0 when unvoiced
  float aperiodicity = 1.0f;  // normalised difference at the chosen lag (0 = perfectly periodic)
};

class YinPitch {
 public:
  explicit YinPitch(const PitchConfig& config = {});

  const PitchConfig& config() const { return config_; }
  int min_lag() const { return min_lag_; }
  int max_lag() const { return max_lag_; }
  // Samples one frame needs: integration_length + max_lag.
  int frame_span() const { return config_.integration_length + max_lag_; }

  // `frame` holds frame_span() samples.
  PitchEstimate estimate(const float* frame);
  // Cumulative-mean-normalised difference d'(tau) for tau = 0..max_lag of the last estimate().
  const std::vector<float>& normalised_difference() const { return cmnd_; }

 private:
  PitchConfig config_;
  int min_lag_, max_lag_;
  RealFft fft_;
  std::vector<float> a_, b_, corr_;
  std::vector<std::complex<float>> spec_a_, spec_b_;
  std::vector<double> diff_;
  std::vector<float> cmnd_;
};

// Local jitter approximated frame-wise: mean |T_i - T_{i-1}| over consecutive voiced frames,
// divided by the mean period of those frames (T = 1/f0). 0 when fewer than two such pairs.
float frame_jitter(const std::vector<PitchEstimate>& track);

}  // namespace attune::audio
