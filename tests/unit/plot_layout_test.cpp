// The plot's words and track markers: nothing hides anything else, nothing leaves the plot, and an
// item moves only when it has to, and then not far.
#include "core/plot_layout.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace attune;

namespace {

const PlotBox kPlot{0, 0, 300, 300};

float distance(PlotPoint a, PlotPoint b) { return std::hypot(a.x - b.x, a.y - b.y); }

}  // namespace

TEST(PlotLayout, WordsThatWouldOverlapAreStackedWithoutOverlap) {
  // angry, disgust and fear as the phone screenshot showed them: three words within a few pixels.
  const std::vector<PlotPoint> centres{{60, 40}, {55, 52}, {50, 36}, {250, 80}};
  const std::vector<PlotPoint> sizes{{50, 16}, {60, 16}, {36, 16}, {50, 16}};
  const auto boxes = place_words(centres, sizes, kPlot);
  ASSERT_EQ(boxes.size(), 4u);
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    EXPECT_TRUE(boxes[i].inside(kPlot)) << i;
    for (std::size_t j = i + 1; j < boxes.size(); ++j) EXPECT_FALSE(boxes[i].overlaps(boxes[j])) << i << " " << j;
  }
  // The first word and the lone one keep their places; the moved ones stay within three lines.
  EXPECT_FLOAT_EQ(boxes[0].x, 35);
  EXPECT_FLOAT_EQ(boxes[0].y, 32);
  EXPECT_FLOAT_EQ(boxes[3].x, 225);
  for (int i : {1, 2}) EXPECT_LE(std::fabs(boxes[i].y + 8 - centres[i].y), 3 * 16.0f) << i;
}

TEST(PlotLayout, AWordAtTheEdgeIsMovedInside) {
  const auto boxes = place_words({{295, 5}}, {{40, 16}}, kPlot);
  ASSERT_EQ(boxes.size(), 1u);
  EXPECT_TRUE(boxes[0].inside(kPlot));
  EXPECT_FLOAT_EQ(boxes[0].x, 260);
  EXPECT_FLOAT_EQ(boxes[0].y, 0);
}

TEST(PlotLayout, DiscsOnOnePointSpreadAroundItAndTheFirstKeepsIt) {
  const float r = 10;
  const std::vector<PlotPoint> anchors(10, PlotPoint{150, 150});
  const auto discs = spread_discs(anchors, r, kPlot);
  ASSERT_EQ(discs.size(), 10u);
  EXPECT_FLOAT_EQ(discs[0].x, 150);
  EXPECT_FLOAT_EQ(discs[0].y, 150);
  for (std::size_t i = 0; i < discs.size(); ++i) {
    EXPECT_LE(distance(discs[i], anchors[i]), 8 * r) << i;
    for (std::size_t j = i + 1; j < discs.size(); ++j) EXPECT_GE(distance(discs[i], discs[j]), 2 * r * 0.999f) << i << " " << j;
  }
}

TEST(PlotLayout, DiscsApartStayWhereTheyAreAndNearTheEdgeStayInside) {
  const float r = 10;
  const std::vector<PlotPoint> anchors{{50, 50}, {100, 50}, {298, 2}};
  const auto discs = spread_discs(anchors, r, kPlot);
  EXPECT_FLOAT_EQ(discs[0].x, 50);
  EXPECT_FLOAT_EQ(discs[1].x, 100);
  EXPECT_FLOAT_EQ(discs[2].x, 290);  // moved inside by its radius
  EXPECT_FLOAT_EQ(discs[2].y, 10);
}

TEST(PlotLayout, RandomClustersNeverOverlap) {
  std::mt19937 rng(7);
  std::normal_distribution<float> jitter(0, 6);
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<PlotPoint> anchors;
    for (int i = 0; i < 10; ++i) anchors.push_back({200 + jitter(rng), 80 + jitter(rng)});
    const auto discs = spread_discs(anchors, 9, kPlot);
    for (std::size_t i = 0; i < discs.size(); ++i)
      for (std::size_t j = i + 1; j < discs.size(); ++j)
        ASSERT_GE(distance(discs[i], discs[j]), 18 * 0.999f) << trial << ": " << i << " " << j;
  }
}
