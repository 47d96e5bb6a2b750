#include "core/vision/nms.h"

#include <algorithm>
#include <numeric>

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

std::vector<int> non_maximum_suppression(const std::vector<BoxF>& boxes, const std::vector<float>& scores,
                                         float score_threshold, float iou_threshold, int top_k) {
  std::vector<int> order;
  for (int i = 0; i < static_cast<int>(scores.size()) && i < static_cast<int>(boxes.size()); ++i)
    if (scores[i] > score_threshold) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return scores[a] > scores[b]; });
  if (top_k > 0 && static_cast<int>(order.size()) > top_k) order.resize(top_k);

  std::vector<int> kept;
  for (int candidate : order) {
    const bool overlaps = std::any_of(kept.begin(), kept.end(), [&](int k) {
      return intersection_over_union(boxes[candidate], boxes[k]) > iou_threshold;
    });
    if (!overlaps) kept.push_back(candidate);
  }
  return kept;
}

}  // namespace attune::vision
