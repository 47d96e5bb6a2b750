#include "core/emotion.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using attune::Emotion;
using attune::EmotionProbs;
using attune::emotion_va;
using attune::estimate_va;
using attune::VA;

namespace {
EmotionProbs one_hot(Emotion e) {
  EmotionProbs p{};
  p[static_cast<int>(e)] = 1.0f;
  return p;
}
}  // namespace

TEST(EmotionVa, TableIsCentredAndInsideTheUnitSquare) {
  for (const VA& p : attune::emotion_va_table()) {
    EXPECT_GE(p.valence, -1.0f);
    EXPECT_LE(p.valence, 1.0f);
    EXPECT_GE(p.arousal, -1.0f);
    EXPECT_LE(p.arousal, 1.0f);
  }
}

TEST(EmotionVa, TableMatchesTheCircumplexQuadrants) {
  // Happy is the most positive label; angry, disgust and fear are negative and aroused; sad is
  // negative and calm; neutral is the calmest and sits near zero valence.
  const VA happy = emotion_va(Emotion::Happy);
  for (const VA& p : attune::emotion_va_table()) EXPECT_LE(p.valence, happy.valence);
  for (Emotion e : {Emotion::Angry, Emotion::Disgust, Emotion::Fear}) {
    EXPECT_LT(emotion_va(e).valence, -0.5f) << attune::emotion_name(e);
    EXPECT_GT(emotion_va(e).arousal, 0.5f) << attune::emotion_name(e);
  }
  EXPECT_LT(emotion_va(Emotion::Sad).valence, 0.0f);
  EXPECT_LT(emotion_va(Emotion::Sad).arousal, 0.0f);
  EXPECT_GT(emotion_va(Emotion::Surprise).arousal, 0.5f);
  EXPECT_LT(std::fabs(emotion_va(Emotion::Neutral).valence), 0.15f);
  for (const VA& p : attune::emotion_va_table()) EXPECT_GE(p.arousal, emotion_va(Emotion::Neutral).arousal);
}

TEST(EmotionVa, TableRescalesTheLexiconRatingsLinearly) {
  // The lexicon rates "happy" 1.000 and "angry" 0.122 in valence on 0..1: x' = 2x - 1.
  EXPECT_FLOAT_EQ(emotion_va(Emotion::Happy).valence, 1.0f);
  EXPECT_NEAR(emotion_va(Emotion::Angry).valence, 2 * 0.122 - 1, 1e-6);
  EXPECT_NEAR(emotion_va(Emotion::Neutral).arousal, 2 * 0.184 - 1, 1e-6);
}

TEST(EstimateVa, OneHotGivesTheLabelPointWithNoSpread) {
  for (int i = 0; i < 7; ++i) {
    const auto e = static_cast<Emotion>(i);
    const auto est = estimate_va(one_hot(e));
    ASSERT_TRUE(est);
    EXPECT_FLOAT_EQ(est->mean.valence, emotion_va(e).valence);
    EXPECT_FLOAT_EQ(est->mean.arousal, emotion_va(e).arousal);
    EXPECT_NEAR(est->spread(), 0.0f, 1e-6);
  }
}

TEST(EstimateVa, EvenSplitGivesTheMidpointAndHalfTheGapAsDeviation) {
  EmotionProbs p{};
  p[static_cast<int>(Emotion::Happy)] = 0.5f;
  p[static_cast<int>(Emotion::Sad)] = 0.5f;
  const auto est = estimate_va(p);
  ASSERT_TRUE(est);
  const VA h = emotion_va(Emotion::Happy), s = emotion_va(Emotion::Sad);
  EXPECT_NEAR(est->mean.valence, (h.valence + s.valence) / 2, 1e-6);
  EXPECT_NEAR(est->mean.arousal, (h.arousal + s.arousal) / 2, 1e-6);
  const float dv = (h.valence - s.valence) / 2, da = (h.arousal - s.arousal) / 2;
  EXPECT_NEAR(est->var_valence, dv * dv, 1e-5);
  EXPECT_NEAR(est->var_arousal, da * da, 1e-5);
  EXPECT_NEAR(est->cov, dv * da, 1e-5);
  EXPECT_NEAR(est->spread(), attune::distance(h, s) / 2, 1e-5);
}

TEST(EstimateVa, UnsureIsTellableFromNeutral) {
  // A vector torn between happy and angry lands near neutral valence but carries a much larger spread.
  EmotionProbs torn{};
  torn[static_cast<int>(Emotion::Happy)] = 0.5f;
  torn[static_cast<int>(Emotion::Angry)] = 0.5f;
  const auto unsure = estimate_va(torn);
  const auto neutral = estimate_va(one_hot(Emotion::Neutral));
  ASSERT_TRUE(unsure && neutral);
  EXPECT_GT(unsure->spread(), 0.5f);
  EXPECT_LT(neutral->spread(), 0.01f);
}

TEST(EstimateVa, SpreadShrinksAsOneLabelDominates) {
  float last = std::numeric_limits<float>::infinity();
  for (float dominant : {0.3f, 0.5f, 0.7f, 0.9f, 0.99f}) {
    EmotionProbs p{};
    const float rest = (1.0f - dominant) / 6.0f;
    for (auto& x : p) x = rest;
    p[static_cast<int>(Emotion::Fear)] = dominant;
    const auto est = estimate_va(p);
    ASSERT_TRUE(est);
    EXPECT_LT(est->spread(), last);
    last = est->spread();
  }
}

TEST(EstimateVa, NormalisesUnscaledWeights) {
  EmotionProbs a{0.1f, 0.0f, 0.2f, 0.3f, 0.1f, 0.2f, 0.1f};
  EmotionProbs b = a;
  for (auto& x : b) x *= 7.0f;
  const auto ea = estimate_va(a), eb = estimate_va(b);
  ASSERT_TRUE(ea && eb);
  EXPECT_NEAR(ea->mean.valence, eb->mean.valence, 1e-6);
  EXPECT_NEAR(ea->mean.arousal, eb->mean.arousal, 1e-6);
  EXPECT_NEAR(ea->spread(), eb->spread(), 1e-6);
}

TEST(EstimateVa, RejectsInvalidVectors) {
  EmotionProbs zero{};
  EXPECT_FALSE(estimate_va(zero));
  EmotionProbs neg = one_hot(Emotion::Happy);
  neg[1] = -0.1f;
  EXPECT_FALSE(estimate_va(neg));
  EmotionProbs nan = one_hot(Emotion::Happy);
  nan[2] = std::numeric_limits<float>::quiet_NaN();
  EXPECT_FALSE(estimate_va(nan));
  EmotionProbs inf = one_hot(Emotion::Happy);
  inf[3] = std::numeric_limits<float>::infinity();
  EXPECT_FALSE(estimate_va(inf));
}

TEST(DescribeVa, NamesArousalThenValence) {
  EXPECT_EQ(attune::describe_va({0.3f, -0.3f}), "calm, slightly positive");
  EXPECT_EQ(attune::describe_va({-0.8f, 0.8f}), "very energetic, negative");
  EXPECT_EQ(attune::describe_va({0.0f, 0.0f}), "moderate energy, neutral");
  EXPECT_EQ(attune::describe_va({0.9f, -0.9f}), "very calm, positive");
}
