// MFCC: orthonormal DCT-II of log-mel energies, keeping the first n_coeffs (c0 included).
// Also the standard regression deltas over a sequence of frames.
#pragma once

#include <vector>

namespace attune::audio {

class Mfcc {
 public:
  Mfcc(int n_mels, int n_coeffs);

  int n_mels() const { return n_mels_; }
  int n_coeffs() const { return n_coeffs_; }
  // log_mel: n_mels values -> n_coeffs values.
  void apply(const float* log_mel, float* out) const;

 private:
  int n_mels_, n_coeffs_;
  std::vector<float> basis_;  // n_coeffs rows of n_mels
};

// Regression deltas: d[t] = sum_{n=1..N} n (x[t+n] - x[t-n]) / (2 sum n^2), edges replicated.
// `frames` is row-major [count][dim]; writes the same shape into `out`.
void deltas(const float* frames, int count, int dim, int width, float* out);

}  // namespace attune::audio
