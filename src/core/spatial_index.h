// Nearest-neighbour search on the valence-arousal plane: a 2-d tree, so ranking stays fast for large
// catalogs a user may bring (a top-k query visits O(log n + k) nodes instead of all n tracks).
//
// The tree is implicit: the points are reordered in place (median split, alternating axis) and
// nothing else is stored. Distances are Euclidean on centred coordinates. Ties are broken by the
// original index, so results are deterministic and identical to the brute-force reference.
#pragma once

#include <algorithm>
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
  // An axis-aligned box on the plane: valence in [v0, v1], arousal in [a0, a1].
  struct Box {
    float v0, v1, a0, a1;
  };
  // Branch and bound over the tree for any cost that a box can bound from below: boxes are opened in
  // increasing order of bound(box), each point met is handed to visit(index, point), and the search
  // ends when the smallest bound left exceeds cutoff() (which may fall as points are visited). Every
  // point whose box bound is <= the final cutoff is visited.
  template <class Bound, class Visit, class Cutoff>
  void best_first(Bound&& bound, Visit&& visit, Cutoff&& cutoff) const;

 private:
  static constexpr std::size_t kLeafSize = 8;  // leaves this small are scanned: cheaper than descending
  struct Node {
    float v, a;
    std::uint32_t index;
  };
  void build_range(std::size_t lo, std::size_t hi, int axis);
  void search(std::size_t lo, std::size_t hi, int axis, VA q, std::size_t k, std::vector<Neighbor>& heap) const;

  std::vector<Node> nodes_;
  Box bounds_{0, 0, 0, 0};  // of all points
};

template <class Bound, class Visit, class Cutoff>
void KdTree2D::best_first(Bound&& bound, Visit&& visit, Cutoff&& cutoff) const {
  if (nodes_.empty()) return;
  struct Open {
    float lower;
    std::uint32_t lo, hi;
    int axis;
    Box box;
  };
  const auto later = [](const Open& x, const Open& y) { return x.lower > y.lower; };
  std::vector<Open> heap;
  heap.push_back({bound(bounds_), 0, static_cast<std::uint32_t>(nodes_.size()), 0, bounds_});
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), later);
    const Open open = heap.back();
    heap.pop_back();
    if (open.lower > cutoff()) break;
    if (open.hi - open.lo <= kLeafSize) {
      for (std::uint32_t i = open.lo; i < open.hi; ++i) visit(nodes_[i].index, VA{nodes_[i].v, nodes_[i].a});
      continue;
    }
    const std::uint32_t mid = open.lo + (open.hi - open.lo) / 2;
    const Node& m = nodes_[mid];
    visit(m.index, VA{m.v, m.a});
    // Points before mid are <= the split value on this axis, points after it >=.
    Box left = open.box, right = open.box;
    if (open.axis == 0) left.v1 = right.v0 = m.v;
    else left.a1 = right.a0 = m.a;
    heap.push_back({bound(left), open.lo, mid, open.axis ^ 1, left});
    std::push_heap(heap.begin(), heap.end(), later);
    heap.push_back({bound(right), mid + 1, open.hi, open.axis ^ 1, right});
    std::push_heap(heap.begin(), heap.end(), later);
  }
}

// The distance from q to the nearest point of the box (0 inside it).
float distance_to_box(VA q, const KdTree2D::Box& box);

// Reference: checks every point. Same ordering rules as KdTree2D::nearest.
std::vector<Neighbor> nearest_brute_force(const std::vector<VA>& points, VA q, std::size_t k);

}  // namespace attune
