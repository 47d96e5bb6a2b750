// Mel filterbank and log-mel energies. HTK mel scale (2595 log10(1 + f/700)); n_mels triangular
// filters with peaks equally spaced in mel between fmin and fmax, unit height, applied to the
// power spectrum; log is natural with a floor so silence stays finite.
#pragma once

#include <vector>

namespace attune::audio {

struct MelConfig {
  int sample_rate = 16000;
  int n_fft = 512;
  int n_mels = 40;
  float fmin = 60.0f;
  float fmax = 7600.0f;
  float log_floor = 1e-10f;
};

double hz_to_mel(double hz);
double mel_to_hz(double mel);

class MelFilterbank {
 public:
  explicit MelFilterbank(const MelConfig& config = {});

  const MelConfig& config() const { return config_; }
  int n_mels() const { return config_.n_mels; }
  // Filter weights, n_mels rows of n_fft/2+1 bins.
  const std::vector<float>& weights() const { return weights_; }
  // Peak frequency of filter `band` (Hz): where its response is 1.
  double centre_hz(int band) const { return centres_hz_[static_cast<std::size_t>(band)]; }

  // power: n_fft/2+1 bins -> mel energies (n_mels values).
  void apply(const float* power, float* mel) const;
  // power -> log(max(mel, log_floor)).
  void log_mel(const float* power, float* out) const;

 private:
  MelConfig config_;
  int bins_;
  std::vector<float> weights_;
  std::vector<double> centres_hz_;
  std::vector<int> first_, last_;  // non-zero bin range per filter, [first, last)
};

}  // namespace attune::audio
