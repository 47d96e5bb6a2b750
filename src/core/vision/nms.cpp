#include "core/vision/nms.h"

#include <algorithm>

namespace attune::vision {

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
