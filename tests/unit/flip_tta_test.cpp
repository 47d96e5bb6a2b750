#include "core/flip_tta.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

using attune::EmotionProbs;
using attune::FlipTta;

namespace {

// A crop whose value at (row, col) is row * 100 + col: any misplaced value shows where it came from.
std::vector<float> numbered_crop() {
  std::vector<float> crop(FlipTta::kCropValues);
  for (int r = 0; r < FlipTta::kCropSide; ++r)
    for (int c = 0; c < FlipTta::kCropSide; ++c) crop[r * FlipTta::kCropSide + c] = static_cast<float>(r * 100 + c);
  return crop;
}

// Model output for one crop: two classes (3 and 6) `margin` apart, the others 0.
std::vector<float> output_with_margin(float margin) {
  std::vector<float> out(7, 0.0f);
  out[3] = 0.5f + margin / 2;
  out[6] = 0.5f - margin / 2;
  return out;
}

}  // namespace

TEST(FlipTta, MirrorReversesEachRowAfterTheCrop) {
  FlipTta tta;
  const auto crop = numbered_crop();
  const auto input = tta.model_input(crop, 1);
  ASSERT_EQ(input.size(), 2u * FlipTta::kCropValues);
  for (int i = 0; i < FlipTta::kCropValues; ++i) ASSERT_EQ(input[i], crop[i]) << i;
  for (int r = 0; r < FlipTta::kCropSide; ++r)
    for (int c = 0; c < FlipTta::kCropSide; ++c)
      ASSERT_EQ(input[FlipTta::kCropValues + r * FlipTta::kCropSide + c], static_cast<float>(r * 100 + (47 - c))) << r << "," << c;
}

TEST(FlipTta, ANewTrackIsMirroredACertainOneIsNot) {
  FlipTta tta;
  EXPECT_TRUE(tta.wants_mirror(1));  // nothing read yet
  ASSERT_TRUE(tta.combine(output_with_margin(0.8f), 1));
  EXPECT_FALSE(tta.wants_mirror(1));   // certain: the next crop of track 1 goes alone
  EXPECT_EQ(tta.model_input(numbered_crop(), 1).size(), static_cast<std::size_t>(FlipTta::kCropValues));
  EXPECT_TRUE(tta.wants_mirror(2));    // another face starts with the mirror pass
  ASSERT_TRUE(tta.combine(output_with_margin(0.3f), 1));
  EXPECT_TRUE(tta.wants_mirror(1));    // uncertain: mirrored again
  ASSERT_TRUE(tta.combine(output_with_margin(0.8f), 1));
  tta.reset();
  EXPECT_TRUE(tta.wants_mirror(1));    // forgotten
}

TEST(FlipTta, TheMarginThresholdIsExclusive) {
  FlipTta tta;
  ASSERT_TRUE(tta.combine(output_with_margin(FlipTta::kUncertainMargin + 0.01f), 4));
  EXPECT_FALSE(tta.wants_mirror(4));
  ASSERT_TRUE(tta.combine(output_with_margin(FlipTta::kUncertainMargin - 0.01f), 4));
  EXPECT_TRUE(tta.wants_mirror(4));
}

TEST(FlipTta, ABatchOfTwoIsAveraged) {
  FlipTta tta;
  std::vector<float> out = {0.1f, 0, 0, 0.6f, 0, 0, 0.3f,   // the crop
                            0.3f, 0, 0, 0.2f, 0, 0, 0.5f};  // its mirror
  const auto probs = tta.combine(out, 1);
  ASSERT_TRUE(probs);
  const EmotionProbs expected = {0.2f, 0, 0, 0.4f, 0, 0, 0.4f};
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_FLOAT_EQ((*probs)[i], expected[i]) << i;
  EXPECT_TRUE(tta.wants_mirror(1));  // the crop's own row: 0.6 vs 0.3, uncertain
}

TEST(FlipTta, TheCropsOwnRowDecidesNotTheAverage) {
  FlipTta tta;
  // Alone: 0.55 vs 0.35 (uncertain); averaged with a confident mirror: 0.75 vs 0.2 (certain).
  std::vector<float> out = {0, 0, 0, 0.55f, 0, 0, 0.35f, 0, 0, 0, 0.95f, 0, 0, 0.05f};
  ASSERT_TRUE(tta.combine(out, 1));
  EXPECT_TRUE(tta.wants_mirror(1));  // so a face does not take turns between mirrored and alone
}

TEST(FlipTta, OutputsOfAnotherSizeAreRefused) {
  FlipTta tta;
  EXPECT_FALSE(tta.combine({}, 1));
  EXPECT_FALSE(tta.combine(std::vector<float>(6, 0.1f), 1));
  EXPECT_FALSE(tta.combine(std::vector<float>(21, 0.1f), 1));
  EXPECT_TRUE(tta.wants_mirror(1));  // a refused output teaches nothing
}

TEST(FlipTta, NaNIsUncertain) {
  FlipTta tta;
  auto out = output_with_margin(0.9f);
  out[3] = std::numeric_limits<float>::quiet_NaN();
  ASSERT_TRUE(tta.combine(out, 1));  // passed on: the face stage refuses non-probabilities
  EXPECT_TRUE(tta.wants_mirror(1));
}

TEST(FlipTta, ModesOverrideTheDecision) {
  FlipTta always(FlipTta::Mode::kAlways), never(FlipTta::Mode::kNever);
  ASSERT_TRUE(always.combine(output_with_margin(0.9f), 1));
  EXPECT_TRUE(always.wants_mirror(1));
  EXPECT_FALSE(never.wants_mirror(1));
  EXPECT_EQ(never.model_input(numbered_crop(), 1).size(), static_cast<std::size_t>(FlipTta::kCropValues));
}

TEST(FlipTta, ACropOfAnotherSizePassesThrough) {
  FlipTta tta(FlipTta::Mode::kAlways);
  const std::vector<float> odd(10, 1.0f);
  EXPECT_EQ(tta.model_input(odd, 1), odd);
}
