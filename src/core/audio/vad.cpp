#include "core/audio/vad.h"

#include <algorithm>
#include <cmath>

namespace attune::audio {

VoiceActivityDetector::VoiceActivityDetector(const VadConfig& config) : config_(config) {}

VadResult VoiceActivityDetector::detect(const std::vector<float>& energy_db, const std::vector<float>& flatness) const {
  VadResult r;
  const int n = static_cast<int>(std::min(energy_db.size(), flatness.size()));
  r.speech.assign(n, false);
  if (n == 0) return r;

  std::vector<float> sorted(energy_db.begin(), energy_db.begin() + n);
  const int rank = std::clamp(static_cast<int>(std::floor(config_.noise_percentile / 100.0f * (n - 1))), 0, n - 1);
  std::nth_element(sorted.begin(), sorted.begin() + rank, sorted.end());
  r.noise_floor_db = sorted[rank];
  r.threshold_db = std::max(config_.min_energy_db, r.noise_floor_db + config_.snr_db);

  std::vector<bool> candidate(n);
  for (int i = 0; i < n; ++i)
    candidate[i] = energy_db[i] >= r.threshold_db && flatness[i] <= config_.max_flatness;

  for (int i = 0; i < n;) {
    if (!candidate[i]) { ++i; continue; }
    int end = i;
    while (end < n && candidate[end]) ++end;
    if (end - i >= config_.min_run_frames) {
      const int from = std::max(0, i - config_.pre_frames), to = std::min(n, end + config_.hangover_frames);
      for (int k = from; k < to; ++k) r.speech[k] = true;
    }
    i = end;
  }
  r.speech_frames = static_cast<int>(std::count(r.speech.begin(), r.speech.end(), true));
  r.has_speech = r.speech_frames >= config_.min_speech_frames;
  return r;
}

}  // namespace attune::audio
