#include "core/vision/crop_averager.h"

#include <algorithm>

#include "core/vision/crop_shift.h"

namespace attune::vision {

const std::vector<float>& CropAverager::add(const std::vector<float>& crop, float new_weight, bool register_to_average) {
  const float w = std::clamp(new_weight, 0.0f, 1.0f);
  if (average_.size() != crop.size() || !(w > 0.0f) || w >= 1.0f) {
    average_ = crop;
    return average_;
  }
  const std::vector<float>* added = &crop;
  if (register_to_average) {
    shift_crop(crop, estimate_crop_shift(crop, average_), shifted_);
    added = &shifted_;
  }
  for (std::size_t i = 0; i < crop.size(); ++i) average_[i] += w * ((*added)[i] - average_[i]);
  return average_;
}

}  // namespace attune::vision
