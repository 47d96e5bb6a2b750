// Framing and windowing: cuts a signal into overlapping frames and applies a window.
// A frame starting past the end of the signal reads zeros (the last frames are zero-padded).
#pragma once

#include <cstddef>
#include <vector>

namespace attune::audio {

// Periodic Hann window (the DFT-even form used for spectral analysis): w[n] = 0.5 - 0.5 cos(2 pi n / N).
std::vector<float> hann_window(int length);

class Framer {
 public:
  Framer(int frame_length, int hop_length);

  int frame_length() const { return frame_length_; }
  int hop_length() const { return hop_length_; }
  // Frames that fit entirely in `signal_length` samples (at least 1 when signal_length > 0).
  int frame_count(std::size_t signal_length) const;
  // Copies frame `index` of `signal` into `out` (frame_length samples), zero-padding past the end.
  void frame(const float* signal, std::size_t signal_length, int index, float* out) const;

 private:
  int frame_length_, hop_length_;
};

// Multiplies `frame` by `window` element-wise into `out` (same length).
void apply_window(const float* frame, const std::vector<float>& window, float* out);

}  // namespace attune::audio
