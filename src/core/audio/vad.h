// Voice activity detection over one analysis window, from per-frame energy (dBFS) and spectral
// flatness. A frame is a speech candidate when it is
//   - louder than an absolute floor (min_energy_db), and
//   - louder than the window's noise floor (its noise_percentile-th frame energy) by snr_db, and
//   - not noise-like: spectral flatness below max_flatness (white noise is near 0.56, voiced speech
//     near 0.01-0.2).
// Candidate runs shorter than min_run_frames (clicks) are dropped; each remaining run is extended by
// hangover_frames after it (and pre_frames before it) so word endings and onsets are kept.
// The window "has speech" when at least min_speech_frames frames are speech; otherwise callers
// report "no speech" and run no model.
//
// Working on a whole window (not frame by frame with state) makes the result a pure function of
// the window, so a file and a live stream cut into the same windows get the same answer.
#pragma once

#include <vector>

namespace attune::audio {

struct VadConfig {
  float min_energy_db = -50.0f;
  float snr_db = 10.0f;
  float noise_percentile = 10.0f;
  float max_flatness = 0.40f;
  int min_run_frames = 3;
  int hangover_frames = 15;
  int pre_frames = 3;
  int min_speech_frames = 30;
};

struct VadResult {
  std::vector<bool> speech;  // one flag per frame
  int speech_frames = 0;
  float noise_floor_db = 0.0f;
  float threshold_db = 0.0f;
  bool has_speech = false;
};

class VoiceActivityDetector {
 public:
  explicit VoiceActivityDetector(const VadConfig& config = {});
  const VadConfig& config() const { return config_; }

  // energy_db and flatness have one value per frame (same length).
  VadResult detect(const std::vector<float>& energy_db, const std::vector<float>& flatness) const;

 private:
  VadConfig config_;
};

}  // namespace attune::audio
