#include "core/audio/framing.h"

#include <cmath>

#include "core/audio/constants.h"

namespace attune::audio {

std::vector<float> hann_window(int length) {
  std::vector<float> w(static_cast<std::size_t>(length));
  for (int n = 0; n < length; ++n) w[n] = static_cast<float>(0.5 - 0.5 * std::cos(2.0 * kPi * n / length));
  return w;
}

Framer::Framer(int frame_length, int hop_length) : frame_length_(frame_length), hop_length_(hop_length) {}

int Framer::frame_count(std::size_t signal_length) const {
  if (signal_length == 0) return 0;
  if (signal_length <= static_cast<std::size_t>(frame_length_)) return 1;
  return 1 + static_cast<int>((signal_length - frame_length_) / hop_length_);
}

void Framer::frame(const float* signal, std::size_t signal_length, int index, float* out) const {
  const std::size_t start = static_cast<std::size_t>(index) * hop_length_;
  for (int i = 0; i < frame_length_; ++i) {
    const std::size_t j = start + i;
    out[i] = j < signal_length ? signal[j] : 0.0f;
  }
}

void apply_window(const float* frame, const std::vector<float>& window, float* out) {
  for (std::size_t i = 0; i < window.size(); ++i) out[i] = frame[i] * window[i];
}

}  // namespace attune::audio
