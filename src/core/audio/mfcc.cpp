#include "core/audio/mfcc.h"

#include <algorithm>
#include <cmath>

#include "core/audio/constants.h"

namespace attune::audio {

Mfcc::Mfcc(int n_mels, int n_coeffs) : n_mels_(n_mels), n_coeffs_(n_coeffs) {
  basis_.resize(static_cast<std::size_t>(n_coeffs) * n_mels);
  for (int k = 0; k < n_coeffs; ++k) {
    const double scale = k == 0 ? std::sqrt(1.0 / n_mels) : std::sqrt(2.0 / n_mels);
    for (int n = 0; n < n_mels; ++n)
      basis_[static_cast<std::size_t>(k) * n_mels + n] =
          static_cast<float>(scale * std::cos(kPi * k * (2.0 * n + 1.0) / (2.0 * n_mels)));
  }
}

void Mfcc::apply(const float* log_mel, float* out) const {
  for (int k = 0; k < n_coeffs_; ++k) {
    const float* b = &basis_[static_cast<std::size_t>(k) * n_mels_];
    double acc = 0.0;
    for (int n = 0; n < n_mels_; ++n) acc += static_cast<double>(b[n]) * log_mel[n];
    out[k] = static_cast<float>(acc);
  }
}

void deltas(const float* frames, int count, int dim, int width, float* out) {
  double denom = 0.0;
  for (int n = 1; n <= width; ++n) denom += 2.0 * n * n;
  for (int t = 0; t < count; ++t)
    for (int d = 0; d < dim; ++d) {
      double acc = 0.0;
      for (int n = 1; n <= width; ++n) {
        const int ahead = std::min(count - 1, t + n), behind = std::max(0, t - n);
        acc += n * (static_cast<double>(frames[ahead * dim + d]) - frames[behind * dim + d]);
      }
      out[t * dim + d] = static_cast<float>(acc / denom);
    }
}

}  // namespace attune::audio
