// Streaming rational resampler (polyphase windowed-sinc, Kaiser window). Converts the browser's
// rate (44.1 or 48 kHz, or any other integer rate) to 16 kHz block by block: output does not
// depend on how the input is split into blocks.
//
// Design: the prototype low-pass runs at L*in_rate (L/M = out/in reduced), cut off at half the
// lower rate; the transition band is +-10% of that, so everything that would alias into 0..0.9*Nyquist
// is attenuated by about 80 dB (Kaiser beta 8). The output is delayed by taps_per_phase/2 input samples;
// delay_input_samples() reports it.
#pragma once

#include <cstddef>
#include <vector>

namespace attune::audio {

struct ResamplerConfig {
  int taps_per_phase = 160;  // filter length in input samples; longer = sharper transition
  float kaiser_beta = 8.0f;
  float cutoff = 1.0f;       // fraction of the lower Nyquist where the response is -6 dB
};

class Resampler {
 public:
  Resampler(int in_rate, int out_rate, const ResamplerConfig& config = {});

  // Appends the resampled output of `count` input samples to `out`.
  void process(const float* in, std::size_t count, std::vector<float>& out);
  void reset();

  int in_rate() const { return in_rate_; }
  int out_rate() const { return out_rate_; }
  int up() const { return up_; }
  int down() const { return down_; }
  double delay_input_samples() const;
  bool passthrough() const { return up_ == 1 && down_ == 1; }

 private:
  int in_rate_, out_rate_;
  int up_ = 1, down_ = 1;
  int taps_ = 0;                  // per phase
  std::vector<float> phases_;     // up_ rows of taps_ coefficients (row p: output phase p)
  std::vector<float> history_;    // last taps_-1 input samples, then the new block
  long long next_in_ = 0;         // input index (relative to history_ start) of the next output's newest tap
  int phase_ = 0;                 // phase of the next output
};

}  // namespace attune::audio
