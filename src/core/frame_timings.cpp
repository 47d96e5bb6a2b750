#include "core/frame_timings.h"

#include <algorithm>
#include <cmath>

namespace attune {

void FrameTimings::add(double ms) {
  if (!std::isfinite(ms)) return;
  if (values_.size() < capacity_) {
    values_.push_back(static_cast<float>(ms));
    return;
  }
  values_[next_] = static_cast<float>(ms);
  next_ = (next_ + 1) % capacity_;
}

double FrameTimings::quantile(double q) const {
  if (values_.empty()) return 0.0;
  std::vector<float> sorted = values_;
  std::sort(sorted.begin(), sorted.end());  // a float sort the app already has (fewer bytes than nth_element)
  const std::size_t rank = static_cast<std::size_t>(std::ceil(q * sorted.size()));
  return sorted[rank > 0 ? rank - 1 : 0];
}

}  // namespace attune
