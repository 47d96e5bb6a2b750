// How far a window's speech stands above its stationary noise: 10 log10 of the mean mel power of the
// speech frames over the noise power the NoiseFloor estimated (noise_floor.h), over all bands and
// under and over 1 kHz (pink noise and a television's babble cover the low bands first).
//
// The noise floor is subtracted before the log-mel patch and its functionals are made, so a model fed
// those cannot tell a clean window from one that was cleaned of strong noise; these three values say it
// (issue #17: the voice model loses about 7 points at pink 10 dB). As model inputs they gave no lead
// (training/voice/README.md), so the extractor appends them only when asked
// (VoiceFeatureConfig::speech_to_noise_stats); the app uses the overall value to say the room is noisy.
#pragma once

#include <vector>

#include "core/audio/mel.h"

namespace attune::audio {

struct SpeechToNoise {
  float all_db = 0.0f;
  float low_db = 0.0f;   // bands centred under 1 kHz
  float high_db = 0.0f;  // 1 kHz and above
};

class SpeechToNoiseMeter {
 public:
  static constexpr float kMinDb = -10.0f;  // values are clamped to [kMinDb, kMaxDb]; kMaxDb also when
  static constexpr float kMaxDb = 50.0f;   // nothing was measured as noise (digital silence around speech)

  explicit SpeechToNoiseMeter(const MelFilterbank& mel);

  // log_mel: frames x n_mels natural-log mel energies as recorded (frame-major); speech: per frame;
  // noise: per-band mel power (NoiseFloor::noise()). No speech frames: all values kMinDb.
  SpeechToNoise measure(const std::vector<float>& log_mel, int frames, const std::vector<bool>& speech,
                        const std::vector<float>& noise) const;

 private:
  std::vector<bool> low_band_;  // per mel band: centred under 1 kHz
};

}  // namespace attune::audio
