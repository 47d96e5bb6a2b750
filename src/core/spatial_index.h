// Nearest-neighbour search on the valence-arousal plane: a 2-d tree, so ranking stays fast for large
// catalogs a user may bring (a top-k query visits O(log n + k) nodes instead of all n tracks).
//
// The tree is implicit: the points are reordered in place (median split, alternating axis) and
// nothing else is stored. Distances are Euclidean on centred coordinates. Ties are broken by the
// original index, so results are deterministic and identical to the brute-force reference.
#pragma once

#include <cstdint>
#include <vector>

#include "core/emotion.h"

namespace attune {

struct Neighbor {
  std::uint32_t index = 0;   // position in the vector given to build()
  float distance_sq = 0.0f;  // squared Euclidean distance to the query
};

class KdTree2D {
 public:
  KdTree2D() = default;
  explicit KdTree2D(const std::vector<VA>& points) { build(points); }

  void build(const std::vector<VA>& points);
  std::size_t size() const { return nodes_.size(); }

  // The k points nearest to q, nearest first. Fewer when the tree holds fewer than k points.
  std::vector<Neighbor> nearest(VA q, std::size_t k) const;
  // Same, into a caller's buffer (no allocation once it has grown).
  void nearest(VA q, std::size_t k, std::vector<Neighbor>& out) const;
  // Every point within `radius` of q (distance <= radius), in no particular order.
  void within(VA q, float radius, std::vector<Neighbor>& out) const;

 private:
  struct Node {
    float v, a;
    std::uint32_t index;
  };
  void build_range(std::size_t lo, std::size_t hi, int axis);
  void search(std::size_t lo, std::size_t hi, int axis, VA q, std::size_t k, std::vector<Neighbor>& heap) const;
  void collect(std::size_t lo, std::size_t hi, int axis, VA q, float radius_sq, std::vector<Neighbor>& out) const;

  std::vector<Node> nodes_;
};

// Reference: checks every point. Same ordering rules as KdTree2D::nearest.
std::vector<Neighbor> nearest_brute_force(const std::vector<VA>& points, VA q, std::size_t k);

}  // namespace attune
