#include "core/flip_tta.h"

#include <algorithm>
#include <functional>

namespace attune {

bool FlipTta::wants_mirror(int track_id) const {
  switch (mode_) {
    case Mode::kAlways: return true;
    case Mode::kNever: return false;
    case Mode::kWhenNeeded: break;
  }
  return last_track_id_ != track_id || last_uncertain_;
}

std::vector<float> FlipTta::model_input(const std::vector<float>& crop, int track_id) const {
  if (crop.size() != static_cast<std::size_t>(kCropValues) || !wants_mirror(track_id)) return crop;
  std::vector<float> both(2 * crop.size());
  std::copy(crop.begin(), crop.end(), both.begin());
  for (int row = 0; row < kCropSide; ++row) {
    const float* from = crop.data() + row * kCropSide;
    std::reverse_copy(from, from + kCropSide, both.begin() + kCropValues + row * kCropSide);
  }
  return both;
}

std::optional<EmotionProbs> FlipTta::combine(const std::vector<float>& output, int track_id) {
  const std::size_t batch = output.size() / kEmotionCount;
  if (output.size() % kEmotionCount != 0 || batch < 1 || batch > 2) return std::nullopt;
  EmotionProbs mean{};
  for (std::size_t i = 0; i < kEmotionCount; ++i)
    mean[i] = batch == 1 ? output[i] : (output[i] + output[kEmotionCount + i]) / 2.0f;
  // The crop's own row decides, mirrored or not: deciding by the average instead would let an uncertain
  // face take turns (mirrored: certain enough, so alone: uncertain, so mirrored...), and its readings
  // with them.
  EmotionProbs own{};
  std::copy(output.begin(), output.begin() + kEmotionCount, own.begin());
  std::partial_sort(own.begin(), own.begin() + 2, own.end(), std::greater<float>());
  last_uncertain_ = !(own[0] - own[1] >= kUncertainMargin);  // NaN counts as uncertain
  last_track_id_ = track_id;
  return mean;
}

}  // namespace attune
