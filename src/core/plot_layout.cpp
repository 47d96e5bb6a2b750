#include "core/plot_layout.h"

#include <algorithm>
#include <cmath>

namespace attune {

namespace {

constexpr float kPi = 3.14159265358979f;

PlotBox moved_inside(PlotBox b, const PlotBox& bounds) {
  b.x = std::clamp(b.x, bounds.x, std::max(bounds.x, bounds.x + bounds.w - b.w));
  b.y = std::clamp(b.y, bounds.y, std::max(bounds.y, bounds.y + bounds.h - b.h));
  return b;
}

}  // namespace

std::vector<PlotBox> place_words(const std::vector<PlotPoint>& centres, const std::vector<PlotPoint>& sizes,
                                 const PlotBox& bounds) {
  std::vector<PlotBox> placed;
  const std::size_t n = std::min(centres.size(), sizes.size());
  placed.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const PlotBox wanted = moved_inside({centres[i].x - sizes[i].x / 2, centres[i].y - sizes[i].y / 2, sizes[i].x, sizes[i].y}, bounds);
    auto free = [&](const PlotBox& b) {
      return b.inside(bounds) && std::none_of(placed.begin(), placed.end(), [&](const PlotBox& o) { return b.overlaps(o); });
    };
    // Candidates nearest first: vertical steps before sideways ones (a word read across stays on its line).
    std::vector<PlotPoint> steps{{0, 0}};
    for (int k = 1; k <= 6; ++k) {
      const float dy = k * wanted.h / 2;
      steps.push_back({0, -dy});
      steps.push_back({0, dy});
    }
    for (int k = 1; k <= 4; ++k) {
      const float dx = k * wanted.w / 2;
      steps.push_back({-dx, 0});
      steps.push_back({dx, 0});
    }
    PlotBox chosen = wanted;
    for (const PlotPoint& s : steps) {
      const PlotBox candidate{wanted.x + s.x, wanted.y + s.y, wanted.w, wanted.h};
      if (free(candidate)) {
        chosen = candidate;
        break;
      }
    }
    placed.push_back(chosen);
  }
  return placed;
}

std::vector<PlotPoint> spread_discs(const std::vector<PlotPoint>& anchors, float radius, const PlotBox& bounds) {
  std::vector<PlotPoint> placed;
  placed.reserve(anchors.size());
  const float min_gap = 2 * radius;
  auto clamp_inside = [&](PlotPoint p) {
    p.x = std::clamp(p.x, bounds.x + radius, std::max(bounds.x + radius, bounds.x + bounds.w - radius));
    p.y = std::clamp(p.y, bounds.y + radius, std::max(bounds.y + radius, bounds.y + bounds.h - radius));
    return p;
  };
  auto free = [&](PlotPoint p) {
    if (p.x < bounds.x + radius || p.x > bounds.x + bounds.w - radius || p.y < bounds.y + radius ||
        p.y > bounds.y + bounds.h - radius)
      return false;
    // A hair under the full gap, so that discs placed exactly 2 * radius apart by the search count as free.
    return std::none_of(placed.begin(), placed.end(),
                        [&](PlotPoint o) { return std::hypot(p.x - o.x, p.y - o.y) < min_gap * 0.999f; });
  };
  for (const PlotPoint& raw : anchors) {
    const PlotPoint anchor = clamp_inside(raw);
    PlotPoint chosen = anchor;
    if (!free(anchor)) {
      bool found = false;
      for (int ring = 1; ring <= 16 && !found; ++ring) {
        const float d = ring * radius / 2;
        const int samples = 8 * ring;
        // Among the free points of the nearest ring, the one farthest from the discs already there.
        float best_clearance = -1;
        for (int k = 0; k < samples; ++k) {
          const float a = 2 * kPi * k / samples;
          const PlotPoint p{anchor.x + d * std::cos(a), anchor.y + d * std::sin(a)};
          if (!free(p)) continue;
          float clearance = 1e30f;
          for (PlotPoint o : placed) clearance = std::min(clearance, std::hypot(p.x - o.x, p.y - o.y));
          if (clearance > best_clearance) best_clearance = clearance, chosen = p, found = true;
        }
      }
    }
    placed.push_back(chosen);
  }
  return placed;
}

}  // namespace attune
