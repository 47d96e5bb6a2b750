#include "core/vision/crop_averager.h"

#include <algorithm>

namespace attune::vision {

const std::vector<float>& CropAverager::add(const std::vector<float>& crop, float new_weight) {
  const float w = std::clamp(new_weight, 0.0f, 1.0f);
  if (average_.size() != crop.size() || !(w > 0.0f) || w >= 1.0f) {
    average_ = crop;
    return average_;
  }
  for (std::size_t i = 0; i < crop.size(); ++i) average_[i] += w * (crop[i] - average_[i]);
  return average_;
}

}  // namespace attune::vision
