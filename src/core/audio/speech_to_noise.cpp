#include "core/audio/speech_to_noise.h"

#include <algorithm>
#include <cmath>

namespace attune::audio {

SpeechToNoiseMeter::SpeechToNoiseMeter(const MelFilterbank& mel) {
  for (int i = 0; i < mel.n_mels(); ++i) low_band_.push_back(mel.centre_hz(i) < 1000.0);
}

SpeechToNoise SpeechToNoiseMeter::measure(const std::vector<float>& log_mel, int frames, const std::vector<bool>& speech,
                                          const std::vector<float>& noise) const {
  const std::size_t bands = low_band_.size();
  double speech_power[3] = {0, 0, 0};  // all, low, high: summed over speech frames
  int speech_frames = 0;
  for (int t = 0; t < frames; ++t) {
    if (!speech[t]) continue;
    ++speech_frames;
    for (std::size_t b = 0; b < bands; ++b) {
      const double p = std::exp(static_cast<double>(log_mel[static_cast<std::size_t>(t) * bands + b]));
      speech_power[0] += p;
      speech_power[low_band_[b] ? 1 : 2] += p;
    }
  }
  if (speech_frames == 0) return {kMinDb, kMinDb, kMinDb};
  double noise_power[3] = {0, 0, 0};
  for (std::size_t b = 0; b < bands && b < noise.size(); ++b) {
    noise_power[0] += noise[b];
    noise_power[low_band_[b] ? 1 : 2] += noise[b];
  }
  float db[3];
  for (int k = 0; k < 3; ++k) {
    const double ratio = noise_power[k] > 0 ? speech_power[k] / speech_frames / noise_power[k] : 0.0;
    db[k] = ratio > 0 ? std::clamp(static_cast<float>(10.0 * std::log10(ratio)), kMinDb, kMaxDb) : kMaxDb;
  }
  return {db[0], db[1], db[2]};
}

}  // namespace attune::audio
