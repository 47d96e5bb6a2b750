#include "core/spatial_index.h"

#include <algorithm>
#include <cmath>

namespace attune {

namespace {

// Heap order: the worst (farthest, then highest index) neighbour on top.
bool closer(const Neighbor& x, const Neighbor& y) {
  return x.distance_sq < y.distance_sq || (x.distance_sq == y.distance_sq && x.index < y.index);
}

void offer(std::vector<Neighbor>& heap, std::size_t k, Neighbor n) {
  if (heap.size() < k) {
    heap.push_back(n);
    std::push_heap(heap.begin(), heap.end(), closer);
  } else if (closer(n, heap.front())) {
    std::pop_heap(heap.begin(), heap.end(), closer);
    heap.back() = n;
    std::push_heap(heap.begin(), heap.end(), closer);
  }
}

float dist_sq(float v, float a, VA q) {
  const float dv = v - q.valence, da = a - q.arousal;
  return dv * dv + da * da;
}

}  // namespace

void KdTree2D::build(const std::vector<VA>& points) {
  nodes_.resize(points.size());
  for (std::size_t i = 0; i < points.size(); ++i)
    nodes_[i] = {points[i].valence, points[i].arousal, static_cast<std::uint32_t>(i)};
  if (!points.empty()) bounds_ = {points[0].valence, points[0].valence, points[0].arousal, points[0].arousal};
  for (const VA& p : points)
    bounds_ = {std::min(bounds_.v0, p.valence), std::max(bounds_.v1, p.valence), std::min(bounds_.a0, p.arousal),
               std::max(bounds_.a1, p.arousal)};
  build_range(0, nodes_.size(), 0);
}

float distance_to_box(VA q, const KdTree2D::Box& box) {
  const float dv = std::max({box.v0 - q.valence, 0.0f, q.valence - box.v1});
  const float da = std::max({box.a0 - q.arousal, 0.0f, q.arousal - box.a1});
  return std::sqrt(dv * dv + da * da);
}

void KdTree2D::build_range(std::size_t lo, std::size_t hi, int axis) {
  if (hi - lo <= kLeafSize) return;
  const std::size_t mid = lo + (hi - lo) / 2;
  std::nth_element(nodes_.begin() + lo, nodes_.begin() + mid, nodes_.begin() + hi,
                   [axis](const Node& x, const Node& y) { return axis == 0 ? x.v < y.v : x.a < y.a; });
  build_range(lo, mid, axis ^ 1);
  build_range(mid + 1, hi, axis ^ 1);
}

void KdTree2D::search(std::size_t lo, std::size_t hi, int axis, VA q, std::size_t k,
                      std::vector<Neighbor>& heap) const {
  if (hi - lo <= kLeafSize) {
    for (std::size_t i = lo; i < hi; ++i) offer(heap, k, {nodes_[i].index, dist_sq(nodes_[i].v, nodes_[i].a, q)});
    return;
  }
  const std::size_t mid = lo + (hi - lo) / 2;
  const Node& m = nodes_[mid];
  offer(heap, k, {m.index, dist_sq(m.v, m.a, q)});
  const float diff = axis == 0 ? q.valence - m.v : q.arousal - m.a;
  // Points left of mid are <= the split value, points right of it >=.
  const bool left_first = diff <= 0;
  if (left_first) search(lo, mid, axis ^ 1, q, k, heap);
  else search(mid + 1, hi, axis ^ 1, q, k, heap);
  // The far side can only help if the splitting line is within the current worst distance
  // (<= so that equal-distance points with a lower index are still found).
  if (heap.size() < k || diff * diff <= heap.front().distance_sq) {
    if (left_first) search(mid + 1, hi, axis ^ 1, q, k, heap);
    else search(lo, mid, axis ^ 1, q, k, heap);
  }
}

void KdTree2D::nearest(VA q, std::size_t k, std::vector<Neighbor>& out) const {
  out.clear();
  if (k == 0 || nodes_.empty()) return;
  out.reserve(std::min(k, nodes_.size()));
  search(0, nodes_.size(), 0, q, k, out);
  std::sort_heap(out.begin(), out.end(), closer);
}

std::vector<Neighbor> KdTree2D::nearest(VA q, std::size_t k) const {
  std::vector<Neighbor> out;
  nearest(q, k, out);
  return out;
}

std::vector<Neighbor> nearest_brute_force(const std::vector<VA>& points, VA q, std::size_t k) {
  std::vector<Neighbor> heap;
  if (k == 0) return heap;
  for (std::size_t i = 0; i < points.size(); ++i)
    offer(heap, k, {static_cast<std::uint32_t>(i), dist_sq(points[i].valence, points[i].arousal, q)});
  std::sort_heap(heap.begin(), heap.end(), closer);
  return heap;
}

}  // namespace attune
