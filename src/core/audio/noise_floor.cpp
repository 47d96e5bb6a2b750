#include "core/audio/noise_floor.h"

#include "core/audio/summary_stats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace attune::audio {

void NoiseFloor::pick_noise_frames(int valid_frames, const std::vector<bool>& speech,
                                   const std::vector<float>& energy_db) {
  noise_frames_.clear();
  for (int t = 0; t < valid_frames; ++t)
    if (!speech[t]) noise_frames_.push_back(t);
  if (static_cast<int>(noise_frames_.size()) >= config_.min_noise_frames) return;
  // Continuous speech: the quietest frames are the best view of the noise there is.
  noise_frames_.resize(static_cast<std::size_t>(valid_frames));
  std::iota(noise_frames_.begin(), noise_frames_.end(), 0);
  const std::size_t keep = std::min<std::size_t>(noise_frames_.size(), static_cast<std::size_t>(config_.min_noise_frames));
  // Ties (equal energy) resolve by frame index, so the choice does not depend on the sort's algorithm.
  std::partial_sort(noise_frames_.begin(), noise_frames_.begin() + static_cast<std::ptrdiff_t>(keep), noise_frames_.end(),
                    [&](int a, int b) { return energy_db[a] < energy_db[b] || (energy_db[a] == energy_db[b] && a < b); });
  noise_frames_.resize(keep);
}

void NoiseFloor::clean(const std::vector<float>& log_mel, int frames, int n_mels, int valid_frames,
                       const std::vector<bool>& speech, const std::vector<float>& energy_db, float log_floor,
                       std::vector<float>& out) {
  out.assign(log_mel.begin(), log_mel.begin() + static_cast<std::ptrdiff_t>(frames) * n_mels);
  noise_.assign(static_cast<std::size_t>(n_mels), 0.0f);
  if (!config_.enabled) return;
  const int last = std::min(valid_frames, frames);  // padding frames stay as they are (floored silence)
  pick_noise_frames(last, speech, energy_db);
  // The median, not the mean: the frames beside speech that the VAD leaves out still hold some of it,
  // and a few such frames would raise a mean of powers many times over.
  std::vector<float> band;
  for (int b = 0; b < n_mels; ++b) {
    band.clear();
    for (int t : noise_frames_) band.push_back(log_mel[static_cast<std::size_t>(t) * n_mels + b]);
    noise_[b] = band.empty() ? 0.0f : std::exp(percentile(band, 50.0f));
  }
  for (int t = 0; t < last; ++t) {
    for (int b = 0; b < n_mels; ++b) {
      float& v = out[static_cast<std::size_t>(t) * n_mels + b];
      const float cleaned = std::max(std::exp(v) - config_.over_subtraction * noise_[b],
                                     config_.floor_fraction * noise_[b]);
      v = std::log(std::max(cleaned, log_floor));
    }
  }
}

}  // namespace attune::audio
