#include "core/vision/nms.h"

#include <gtest/gtest.h>

#include <vector>

using attune::vision::BoxF;
using attune::vision::intersection_over_union;
using attune::vision::non_maximum_suppression;

TEST(VisionIou, IdenticalDisjointAndHalfOverlappingBoxes) {
  const BoxF a{0, 0, 10, 10};
  EXPECT_FLOAT_EQ(intersection_over_union(a, a), 1.0f);
  EXPECT_FLOAT_EQ(intersection_over_union(a, BoxF{20, 20, 5, 5}), 0.0f);
  // Overlap 5x10 = 50, union 150.
  EXPECT_FLOAT_EQ(intersection_over_union(a, BoxF{5, 0, 10, 10}), 50.0f / 150.0f);
  EXPECT_FLOAT_EQ(intersection_over_union(a, BoxF{0, 0, 0, 10}), 0.0f);  // empty box
}

TEST(VisionNms, KeepsBestOfOverlappingBoxesAndAllSeparateOnes) {
  const std::vector<BoxF> boxes = {{0, 0, 10, 10}, {1, 1, 10, 10}, {50, 50, 10, 10}, {0.5f, 0, 10, 10}};
  const std::vector<float> scores = {0.7f, 0.9f, 0.8f, 0.95f};
  const auto kept = non_maximum_suppression(boxes, scores, 0.5f, 0.3f);
  ASSERT_EQ(kept, (std::vector<int>{3, 2}));  // best first; 0 and 1 overlap box 3
}

TEST(VisionNms, ScoreMustExceedThresholdAndTopKLimitsCandidates) {
  const std::vector<BoxF> boxes = {{0, 0, 10, 10}, {20, 0, 10, 10}, {40, 0, 10, 10}};
  EXPECT_EQ(non_maximum_suppression(boxes, {0.6f, 0.61f, 0.9f}, 0.6f, 0.3f), (std::vector<int>{2, 1}));
  EXPECT_EQ(non_maximum_suppression(boxes, {0.7f, 0.8f, 0.9f}, 0.5f, 0.3f, 2), (std::vector<int>{2, 1}));
}

TEST(VisionNms, OverlapEqualToThresholdIsKeptAndTiesKeepInputOrder) {
  // IoU of these two is exactly 1/3 (overlap 50, union 150): kept at threshold 1/3, dropped below.
  const std::vector<BoxF> boxes = {{0, 0, 10, 10}, {5, 0, 10, 10}};
  EXPECT_EQ(non_maximum_suppression(boxes, {0.8f, 0.8f}, 0.5f, 50.0f / 150.0f), (std::vector<int>{0, 1}));
  EXPECT_EQ(non_maximum_suppression(boxes, {0.8f, 0.8f}, 0.5f, 0.3f), (std::vector<int>{0}));
}

TEST(VisionNms, EmptyInputGivesNothing) {
  EXPECT_TRUE(non_maximum_suppression({}, {}, 0.5f, 0.3f).empty());
}
