// The frame-cost summary: median and 90th percentile over the last N frames only.
#include "core/frame_timings.h"

#include <gtest/gtest.h>

#include <limits>

using attune::FrameTimings;

TEST(FrameTimings, EmptyIsZero) {
  FrameTimings t;
  EXPECT_EQ(t.count(), 0u);
  EXPECT_EQ(t.median(), 0.0);
  EXPECT_EQ(t.p90(), 0.0);
}

TEST(FrameTimings, MedianAndP90ByNearestRank) {
  FrameTimings t(10);
  for (int i = 10; i >= 1; --i) t.add(i);  // 1..10 in any order
  EXPECT_EQ(t.median(), 5.0);
  EXPECT_EQ(t.p90(), 9.0);
}

TEST(FrameTimings, OnlyTheLastCapacityCountAndNonFiniteAreIgnored) {
  FrameTimings t(4);
  for (double v : {100.0, 100.0, 100.0, 100.0, 1.0, 2.0, 3.0, 4.0}) t.add(v);
  t.add(std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(t.count(), 4u);
  EXPECT_EQ(t.median(), 2.0);
  EXPECT_EQ(t.p90(), 4.0);
}
