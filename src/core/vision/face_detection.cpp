#include "core/vision/face_detection.h"

#include <algorithm>

namespace attune::vision {

float intersection_over_union(const BoxF& a, const BoxF& b) {
  const float left = std::max(a.x, b.x);
  const float top = std::max(a.y, b.y);
  const float right = std::min(a.x + a.width, b.x + b.width);
  const float bottom = std::min(a.y + a.height, b.y + b.height);
  const float inter = (right > left && bottom > top) ? (right - left) * (bottom - top) : 0.0f;
  const float uni = a.area() + b.area() - inter;
  return uni > 0.0f ? inter / uni : 0.0f;
}

}  // namespace attune::vision
