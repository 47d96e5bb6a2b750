// Stationary noise taken out of a window's mel energies (spectral subtraction in the mel power
// domain), so that a fan or a television's hiss changes the log-mel patch and its functionals less.
//
// The noise of band b is the median mel power of the window's noise frames: the frames the VAD did
// not call speech, or, when fewer than `min_noise_frames` of those hold real samples (continuous
// speech), the quietest `min_noise_frames` frames by energy. Each frame's band power P becomes
// max(P - over_subtraction * N, floor_fraction * N): speech well above the noise keeps its value,
// noise-only bins settle at a fixed floor under the noise instead of fluctuating with it. In quiet
// recordings N is tiny and nothing changes that matters.
#pragma once

#include <vector>

namespace attune::audio {

struct NoiseFloorConfig {
  bool enabled = true;
  int min_noise_frames = 20;
  float over_subtraction = 1.5f;
  float floor_fraction = 0.1f;
};

class NoiseFloor {
 public:
  explicit NoiseFloor(const NoiseFloorConfig& config = {}) : config_(config) {}
  const NoiseFloorConfig& config() const { return config_; }

  // log_mel: frames x n_mels natural-log mel energies (row-major, frame-major), of which the first
  // `valid_frames` hold real samples (the rest is zero padding). speech and energy_db per frame.
  // Writes the cleaned log-mel (same layout, log floored at `log_floor`) into `out`.
  void clean(const std::vector<float>& log_mel, int frames, int n_mels, int valid_frames,
             const std::vector<bool>& speech, const std::vector<float>& energy_db, float log_floor,
             std::vector<float>& out);

  // The per-band noise power of the last clean() call (mel power, not log).
  const std::vector<float>& noise() const { return noise_; }

 private:
  void pick_noise_frames(int valid_frames, const std::vector<bool>& speech, const std::vector<float>& energy_db);

  NoiseFloorConfig config_;
  std::vector<int> noise_frames_;
  std::vector<float> noise_;
};

}  // namespace attune::audio
