#include "core/audio/vad.h"

#include <algorithm>
#include <cmath>

namespace attune::audio {

VoiceActivityDetector::VoiceActivityDetector(const VadConfig& config) : config_(config) {}

int VoiceActivityDetector::mark(const std::vector<float>& energy_db, const std::vector<float>& flatness,
                                float threshold_db, float max_flatness, VadResult& r) const {
  const int n = static_cast<int>(r.speech.size());
  std::fill(r.speech.begin(), r.speech.end(), false);
  std::vector<bool> candidate(n);
  for (int i = 0; i < n; ++i) candidate[i] = energy_db[i] >= threshold_db && flatness[i] <= max_flatness;

  int core = 0;
  for (int i = 0; i < n;) {
    if (!candidate[i]) { ++i; continue; }
    int end = i;
    while (end < n && candidate[end]) ++end;
    if (end - i >= config_.min_run_frames) {
      core += end - i;
      const int from = std::max(0, i - config_.pre_frames), to = std::min(n, end + config_.hangover_frames);
      for (int k = from; k < to; ++k) r.speech[k] = true;
    }
    i = end;
  }
  r.threshold_db = threshold_db;
  r.speech_frames = static_cast<int>(std::count(r.speech.begin(), r.speech.end(), true));
  return core;
}

VadResult VoiceActivityDetector::detect(const std::vector<float>& energy_db, const std::vector<float>& flatness,
                                        bool allow_quiet) const {
  VadResult r;
  const int n = static_cast<int>(std::min(energy_db.size(), flatness.size()));
  r.speech.assign(n, false);
  if (n == 0) return r;

  std::vector<float> sorted(energy_db.begin(), energy_db.begin() + n);
  const int rank = std::clamp(static_cast<int>(std::floor(config_.noise_percentile / 100.0f * (n - 1))), 0, n - 1);
  std::nth_element(sorted.begin(), sorted.begin() + rank, sorted.end());
  r.noise_floor_db = sorted[rank];

  mark(energy_db, flatness, std::max(config_.min_energy_db, r.noise_floor_db + config_.snr_db), config_.max_flatness, r);
  r.has_speech = r.speech_frames >= config_.min_speech_frames;
  if (r.has_speech || !allow_quiet) return r;

  // Quiet-speech pass; when it finds nothing either, the first pass's flags are kept.
  VadResult quiet = r;
  const int core = mark(energy_db, flatness, std::max(config_.quiet_min_energy_db, r.noise_floor_db + config_.quiet_snr_db),
                        config_.quiet_max_flatness, quiet);
  if (core >= config_.quiet_min_core_frames && quiet.speech_frames >= config_.min_speech_frames) {
    quiet.has_speech = true;
    quiet.quiet = true;
    return quiet;
  }
  return r;
}

}  // namespace attune::audio
