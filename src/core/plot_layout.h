// Placement of small items on the valence-arousal plot so that none hides another: the seven emotion
// words that mark the plane (angry, disgust and fear sit close together in the published table), and
// the numbered markers of the recommended tracks, which often lie on nearly the same point. Pure
// geometry in screen units (y grows downward), so it is tested without a UI.
#pragma once

#include <vector>

namespace attune {

struct PlotPoint {
  float x = 0, y = 0;
};

struct PlotBox {
  float x = 0, y = 0, w = 0, h = 0;  // top-left corner and size
  bool overlaps(const PlotBox& o) const { return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h; }
  bool inside(const PlotBox& o) const { return x >= o.x && y >= o.y && x + w <= o.x + o.w && y + h <= o.y + o.h; }
};

// Words wanted centred at `centres[i]`, of size `sizes[i]` (w, h): returns each word's box. Words are
// placed in order; a word keeps its place when that is free and inside `bounds`, otherwise it takes the
// nearest free place among steps of half its height up and down, then of half its width sideways.
// A word with no free place in reach keeps its wanted place (moved inside `bounds`).
std::vector<PlotBox> place_words(const std::vector<PlotPoint>& centres, const std::vector<PlotPoint>& sizes,
                                 const PlotBox& bounds);

// Discs of `radius` wanted at `anchors` (in rank order): returns each disc's centre so that no two
// overlap (centres at least 2 * radius apart) and each stays inside `bounds`. Earlier discs keep their
// anchor when they can; a later one moves to the nearest free point on rings around its anchor
// (steps of radius / 2, out to 8 radii), so a marker stays next to the track it stands for.
std::vector<PlotPoint> spread_discs(const std::vector<PlotPoint>& anchors, float radius, const PlotBox& bounds);

}  // namespace attune
