#include "core/expression_smoother.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

using attune::crop_quality;
using attune::Emotion;
using attune::EmotionProbs;
using attune::ExpressionSmoother;
using attune::ExpressionSmoothingConfig;

namespace {

// `top` at probability p, the rest spread evenly.
EmotionProbs peaked(Emotion top, float p) {
  EmotionProbs probs;
  probs.fill((1.0f - p) / 6.0f);
  probs[static_cast<int>(top)] = p;
  return probs;
}

// Two labels nearly tied, `a` slightly ahead by `lead`.
EmotionProbs tie(Emotion a, Emotion b, float lead) {
  EmotionProbs probs{};
  probs[static_cast<int>(a)] = 0.5f + lead / 2;
  probs[static_cast<int>(b)] = 0.5f - lead / 2;
  return probs;
}

}  // namespace

TEST(ExpressionSmoother, EmptyUntilTheFirstCrop) {
  ExpressionSmoother s;
  EXPECT_FALSE(s.current());
  ASSERT_TRUE(s.add(peaked(Emotion::Happy, 0.9f), 1.0f, 10.0));
  ASSERT_TRUE(s.current());
  EXPECT_EQ(s.current()->label, Emotion::Happy);
  EXPECT_EQ(s.current()->crops, 1u);
  EXPECT_DOUBLE_EQ(s.label_since_s(), 10.0);
  EXPECT_EQ(s.label_changes(), 0);
}

TEST(ExpressionSmoother, RefusesWhatIsNotAReading) {
  ExpressionSmoother s;
  EmotionProbs not_summing{};
  not_summing[0] = 0.5f;
  EmotionProbs nan = peaked(Emotion::Sad, 0.9f);
  nan[1] = std::numeric_limits<float>::quiet_NaN();
  EXPECT_FALSE(s.add(not_summing, 1.0f, 1.0));
  EXPECT_FALSE(s.add(nan, 1.0f, 1.0));
  EXPECT_FALSE(s.add(peaked(Emotion::Sad, 0.9f), 0.0f, 1.0));
  EXPECT_FALSE(s.add(peaked(Emotion::Sad, 0.9f), 1.5f, 1.0));
  EXPECT_FALSE(s.add(peaked(Emotion::Sad, 0.9f), 1.0f, std::numeric_limits<double>::infinity()));
  EXPECT_FALSE(s.current());
  ASSERT_TRUE(s.add(peaked(Emotion::Sad, 0.9f), 1.0f, 2.0));
  EXPECT_FALSE(s.add(peaked(Emotion::Happy, 0.9f), 1.0f, 1.9)) << "a crop older than the newest";
  EXPECT_EQ(s.current()->label, Emotion::Sad);
}

TEST(ExpressionSmoother, AveragesWeightedByAgeAndQuality) {
  ExpressionSmoothingConfig config;
  config.half_life_s = 0.5;
  ExpressionSmoother s(config);
  ASSERT_TRUE(s.add(peaked(Emotion::Happy, 1.0f), 1.0f, 0.0));
  ASSERT_TRUE(s.add(peaked(Emotion::Sad, 1.0f), 0.5f, 0.5));
  // happy: weight 1 x 0.5 (one half-life old); sad: 0.5 x 1 -> an even split.
  EXPECT_NEAR(s.current()->probs[static_cast<int>(Emotion::Happy)], 0.5f, 1e-6f);
  EXPECT_NEAR(s.current()->probs[static_cast<int>(Emotion::Sad)], 0.5f, 1e-6f);
  float sum = 0;
  for (float p : s.current()->probs) sum += p;
  EXPECT_NEAR(sum, 1.0f, 1e-6f);
}

TEST(ExpressionSmoother, ForgetsCropsOutsideTheWindow) {
  ExpressionSmoothingConfig config;
  config.window_s = 1.0;
  config.max_crops = 4;
  ExpressionSmoother s(config);
  ASSERT_TRUE(s.add(peaked(Emotion::Angry, 1.0f), 1.0f, 0.0));
  ASSERT_TRUE(s.add(peaked(Emotion::Fear, 1.0f), 1.0f, 1.5));
  EXPECT_EQ(s.current()->crops, 1u);
  EXPECT_FLOAT_EQ(s.current()->probs[static_cast<int>(Emotion::Angry)], 0.0f);
  for (int k = 1; k <= 6; ++k) ASSERT_TRUE(s.add(peaked(Emotion::Fear, 1.0f), 1.0f, 1.5 + 0.01 * k));
  EXPECT_EQ(s.current()->crops, 4u);
}

// Crops of a still face between two expressions: single crops take turns, the shown label does not.
TEST(ExpressionSmoother, ANearTieDoesNotFlipTheLabel) {
  ExpressionSmoother s;
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> lead(-0.15f, 0.25f);  // happy ahead on average, often behind
  for (int k = 0; k < 600; ++k) {  // a minute at 10 crops per second
    const float l = lead(rng);
    ASSERT_TRUE(s.add(l >= 0 ? tie(Emotion::Happy, Emotion::Neutral, l) : tie(Emotion::Neutral, Emotion::Happy, -l), 1.0f,
                      0.1 * k));
  }
  EXPECT_GT(s.raw_label_changes(), 100);
  EXPECT_LE(s.label_changes(), 1);
  const Emotion shown = s.current()->label;
  EXPECT_TRUE(shown == Emotion::Happy || shown == Emotion::Neutral);
}

TEST(ExpressionSmoother, ARealChangeShowsWithinAFewCrops) {
  ExpressionSmoother s;
  for (int k = 0; k < 30; ++k) ASSERT_TRUE(s.add(peaked(Emotion::Sad, 0.8f), 1.0f, 0.1 * k));
  double changed_at = -1;
  for (int k = 30; k < 60 && changed_at < 0; ++k) {
    ASSERT_TRUE(s.add(peaked(Emotion::Surprise, 0.8f), 1.0f, 0.1 * k));
    if (s.current()->label == Emotion::Surprise) changed_at = 0.1 * k;
  }
  ASSERT_GE(changed_at, 0);
  // Both readings 0.8 sure: the new one leads by the 0.35 margin once its crops hold ~73% of the weight,
  // about 0.5 s at a 0.25 s half-life, then keeps that lead for the 0.1 s confirmation.
  EXPECT_LE(changed_at - 3.0, 0.8) << "the new expression from its first crop, at 10 crops per second";
  EXPECT_DOUBLE_EQ(s.label_since_s(), changed_at);
  EXPECT_EQ(s.label_changes(), 1);
}

// One odd crop outvotes the shown label but is not shown; the same lead held for confirm_s is.
TEST(ExpressionSmoother, ALeadMustHoldForTheConfirmationTime) {
  ExpressionSmoothingConfig config;
  config.window_s = 0.05;  // only the newest crop counts: each crop's lead is its own
  config.confirm_s = 0.1;
  ExpressionSmoother s(config);
  ASSERT_TRUE(s.add(peaked(Emotion::Sad, 0.9f), 1.0f, 0.0));
  ASSERT_TRUE(s.add(peaked(Emotion::Angry, 0.9f), 1.0f, 0.1));
  EXPECT_EQ(s.current()->label, Emotion::Sad) << "one crop";
  ASSERT_TRUE(s.add(peaked(Emotion::Sad, 0.9f), 1.0f, 0.2));
  ASSERT_TRUE(s.add(peaked(Emotion::Happy, 0.9f), 1.0f, 0.3));
  ASSERT_TRUE(s.add(peaked(Emotion::Surprise, 0.9f), 1.0f, 0.35));
  EXPECT_EQ(s.current()->label, Emotion::Sad) << "outvoted for 0.05 s, by two labels in turn";
  ASSERT_TRUE(s.add(peaked(Emotion::Surprise, 0.9f), 1.0f, 0.4));
  EXPECT_EQ(s.current()->label, Emotion::Surprise) << "outvoted on every crop for 0.1 s: the leader is shown";
  EXPECT_EQ(s.label_changes(), 1);

  config.confirm_s = 0;
  ExpressionSmoother eager(config);
  ASSERT_TRUE(eager.add(peaked(Emotion::Sad, 0.9f), 1.0f, 0.0));
  ASSERT_TRUE(eager.add(peaked(Emotion::Angry, 0.9f), 1.0f, 0.1));
  EXPECT_EQ(eager.current()->label, Emotion::Angry) << "no confirmation: the first crop that leads by the margin";
}

// After a clear expression, a face whose best reading is weak (sad at 0.3, the rest 0.07-0.13) never
// leads by the margin; the shown label still gives way once it is a third as likely as sad.
TEST(ExpressionSmoother, AWeakReadingReplacesALabelThatNoLongerFits) {
  EmotionProbs flat{0.13f, 0.07f, 0.12f, 0.09f, 0.30f, 0.09f, 0.20f};  // angry disgust fear happy sad surprise neutral
  for (const float ratio : {3.0f, 1e6f}) {
    ExpressionSmoothingConfig config;
    config.switch_ratio = ratio;
    ExpressionSmoother s(config);
    for (int k = 0; k < 20; ++k) ASSERT_TRUE(s.add(peaked(Emotion::Happy, 0.9f), 1.0f, 0.1 * k));
    for (int k = 20; k < 50; ++k) ASSERT_TRUE(s.add(flat, 1.0f, 0.1 * k));
    if (ratio == 3.0f) {
      EXPECT_EQ(s.current()->label, Emotion::Sad);
      EXPECT_LE(s.label_since_s(), 2.0 + 1.5) << "within 1.5 s of the new face";
    } else {
      EXPECT_EQ(s.current()->label, Emotion::Happy) << "the margin alone keeps happy at 0.09 over sad at 0.30";
    }
  }
}

TEST(ExpressionSmoother, ResetStartsTheNextFaceAfresh) {
  ExpressionSmoother s;
  for (int k = 0; k < 10; ++k) ASSERT_TRUE(s.add(peaked(Emotion::Angry, 0.9f), 1.0f, 0.1 * k));
  s.reset();
  EXPECT_FALSE(s.current());
  ASSERT_TRUE(s.add(peaked(Emotion::Happy, 0.6f), 1.0f, 1.0));
  EXPECT_EQ(s.current()->label, Emotion::Happy) << "not held back by the previous face";
  EXPECT_EQ(s.label_changes(), 0);
  EXPECT_EQ(s.raw_label_changes(), 0);
}

TEST(ExpressionSmoother, CropQualityFollowsScoreSizeAndDetection) {
  EXPECT_FLOAT_EQ(crop_quality(0.9f, 120.0f, true), 0.9f);
  EXPECT_FLOAT_EQ(crop_quality(0.9f, 24.0f, true), 0.45f) << "half the crop's side: upsampled 2x";
  EXPECT_FLOAT_EQ(crop_quality(0.9f, 120.0f, false), 0.72f);
  EXPECT_GT(crop_quality(-1.0f, 0.0f, false), 0.0f) << "never zero: a crop that was made counts a little";
}
