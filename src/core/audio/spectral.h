// Spectral shape of one frame, from its power spectrum (n_fft/2+1 bins):
//   centroid  sum f|X| / sum |X|                        (Hz, magnitude-weighted)
//   rolloff   lowest bin frequency where the cumulative power reaches `rolloff_fraction`
//   flatness  geometric / arithmetic mean of power over [flatness_lo_hz, flatness_hi_hz]
//   flux      L2 distance between consecutive magnitude spectra, each normalised to sum 1
//             (so it measures change of shape, not of level); 0 for the first frame.
#pragma once

#include <vector>

namespace attune::audio {

struct SpectralConfig {
  int sample_rate = 16000;
  int n_fft = 512;
  float rolloff_fraction = 0.85f;
  float flatness_lo_hz = 100.0f;
  float flatness_hi_hz = 4000.0f;
};

struct SpectralShape {
  float centroid_hz = 0.0f;
  float rolloff_hz = 0.0f;
  float flatness = 0.0f;
  float flux = 0.0f;
};

class SpectralAnalyzer {
 public:
  explicit SpectralAnalyzer(const SpectralConfig& config = {});

  // Stateful only for flux (remembers the previous frame's normalised magnitudes).
  SpectralShape process(const float* power);
  void reset();

 private:
  SpectralConfig config_;
  int bins_, flat_lo_, flat_hi_;
  std::vector<float> magnitude_, previous_;
  bool has_previous_ = false;
};

}  // namespace attune::audio
