// Real-input FFT through KissFFT's kiss_fftr (float scalars). Configure once per size.
#pragma once

#include <complex>
#include <memory>
#include <vector>

namespace attune::audio {

class RealFft {
 public:
  explicit RealFft(int n_fft);  // n_fft must be even
  ~RealFft();
  RealFft(const RealFft&) = delete;
  RealFft& operator=(const RealFft&) = delete;

  int size() const { return n_fft_; }
  int bins() const { return n_fft_ / 2 + 1; }

  // `in` holds up to n_fft samples (fewer are zero-padded); writes bins() complex values.
  void forward(const float* in, int count, std::complex<float>* out);
  // Power spectrum |X[k]|^2 (unnormalised) of `in`, bins() values.
  void power(const float* in, int count, float* out);
  // Inverse of a half spectrum (bins() values) to n_fft real samples, unnormalised like kiss_fftri.
  void inverse(const std::complex<float>* in, float* out);

 private:
  int n_fft_;
  void* forward_cfg_ = nullptr;  // kiss_fftr_cfg, kept opaque so KissFFT stays out of this header
  void* inverse_cfg_ = nullptr;
  std::vector<float> buffer_;
  std::vector<std::complex<float>> spectrum_;
};

}  // namespace attune::audio
