#include "core/audio/real_fft.h"

#include <algorithm>
#include <cstdlib>

#include "kiss_fftr.h"

namespace attune::audio {

static_assert(sizeof(kiss_fft_cpx) == sizeof(std::complex<float>), "kiss_fft_cpx must be two floats");

RealFft::RealFft(int n_fft)
    : n_fft_(n_fft), buffer_(static_cast<std::size_t>(n_fft), 0.0f), spectrum_(static_cast<std::size_t>(n_fft / 2 + 1)) {
  forward_cfg_ = kiss_fftr_alloc(n_fft, 0, nullptr, nullptr);
  inverse_cfg_ = kiss_fftr_alloc(n_fft, 1, nullptr, nullptr);
}

RealFft::~RealFft() {
  kiss_fftr_free(forward_cfg_);
  kiss_fftr_free(inverse_cfg_);
}

void RealFft::forward(const float* in, int count, std::complex<float>* out) {
  const int n = std::min(count, n_fft_);
  std::copy(in, in + n, buffer_.begin());
  std::fill(buffer_.begin() + n, buffer_.end(), 0.0f);
  kiss_fftr(static_cast<kiss_fftr_cfg>(forward_cfg_), buffer_.data(), reinterpret_cast<kiss_fft_cpx*>(out));
}

void RealFft::power(const float* in, int count, float* out) {
  forward(in, count, spectrum_.data());
  for (int k = 0; k < bins(); ++k) out[k] = std::norm(spectrum_[k]);
}

void RealFft::inverse(const std::complex<float>* in, float* out) {
  kiss_fftri(static_cast<kiss_fftr_cfg>(inverse_cfg_), reinterpret_cast<const kiss_fft_cpx*>(in), out);
}

}  // namespace attune::audio
