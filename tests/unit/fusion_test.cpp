#include "core/fusion.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using attune::Emotion;
using attune::EmotionProbs;
using attune::FusionConfig;
using attune::Modality;
using attune::MoodFusion;
using attune::VA;
using attune::VAEstimate;

namespace {
VAEstimate point(float v, float a) {
  VAEstimate e;
  e.mean = {v, a};
  return e;
}
}  // namespace

TEST(Fusion, WithNoReadingsSaysSo) {
  MoodFusion f;
  const auto m = f.update(10.0);
  EXPECT_FALSE(m.available);
  EXPECT_EQ(m.modalities_used(), 0);
  EXPECT_EQ(m.status(), "no face or voice yet");
}

TEST(Fusion, OneModalityAloneIsPassedThrough) {
  MoodFusion f;
  ASSERT_TRUE(f.observe(Modality::Voice, point(0.4f, -0.2f), 0.7f, 1.0));
  const auto m = f.update(1.0);
  ASSERT_TRUE(m.available);
  EXPECT_FALSE(m.face.present);
  EXPECT_TRUE(m.voice.present);
  EXPECT_FLOAT_EQ(m.voice.weight, 1.0f);
  EXPECT_FLOAT_EQ(m.face.weight, 0.0f);
  EXPECT_NEAR(m.estimate.mean.valence, 0.4f, 1e-6);
  EXPECT_NEAR(m.estimate.mean.arousal, -0.2f, 1e-6);
  EXPECT_FALSE(m.disagree);
  EXPECT_EQ(m.status(), "voice only");
}

TEST(Fusion, EqualConfidenceAndAgeGivesTheMidpoint) {
  MoodFusion f;
  f.observe(Modality::Face, point(0.6f, 0.2f), 0.8f, 5.0);
  f.observe(Modality::Voice, point(0.2f, 0.0f), 0.8f, 5.0);
  const auto m = f.update(5.0);
  EXPECT_NEAR(m.estimate.mean.valence, 0.4f, 1e-6);
  EXPECT_NEAR(m.estimate.mean.arousal, 0.1f, 1e-6);
  EXPECT_NEAR(m.face.weight, 0.5f, 1e-6);
  // The spread between the modalities shows up in the fused covariance.
  EXPECT_NEAR(m.estimate.var_valence, 0.2f * 0.2f, 1e-6);
}

TEST(Fusion, MoreConfidentModalityWeighsMoreInProportion) {
  MoodFusion f;
  f.observe(Modality::Face, point(1.0f, 0.0f), 0.9f, 2.0);
  f.observe(Modality::Voice, point(-1.0f, 0.0f), 0.3f, 2.0);
  const auto m = f.update(2.0);
  EXPECT_NEAR(m.face.weight, 0.75f, 1e-6);
  EXPECT_NEAR(m.voice.weight, 0.25f, 1e-6);
  EXPECT_NEAR(m.estimate.mean.valence, 0.75f - 0.25f, 1e-6);
}

TEST(Fusion, OlderReadingsWeighLessByTheHalfLife) {
  FusionConfig c;
  c.freshness_half_life_s = 1.0;
  MoodFusion f(c);
  f.observe(Modality::Voice, point(-1.0f, 0.0f), 0.8f, 0.0);  // two half-lives old at t = 2
  f.observe(Modality::Face, point(1.0f, 0.0f), 0.8f, 2.0);    // fresh
  const auto m = f.update(2.0);
  EXPECT_NEAR(m.voice.age_s, 2.0, 1e-9);
  EXPECT_NEAR(m.face.weight / m.voice.weight, 4.0f, 1e-4);
  EXPECT_GT(m.estimate.mean.valence, 0.5f);
}

TEST(Fusion, StaleModalityIsDroppedAndThenNoneRemains) {
  FusionConfig c;
  c.stale_after_s = 3.0;
  MoodFusion f(c);
  f.observe(Modality::Face, point(0.5f, 0.5f), 0.9f, 0.0);
  f.observe(Modality::Voice, point(-0.5f, -0.5f), 0.9f, 2.0);
  auto m = f.update(4.0);  // face is 4 s old: stale; voice 2 s: fine
  EXPECT_FALSE(m.face.present);
  EXPECT_TRUE(m.voice.present);
  EXPECT_NEAR(m.estimate.mean.valence, -0.5f, 1e-6);
  m = f.update(5.5);
  EXPECT_FALSE(m.available);
  EXPECT_EQ(m.status(), "no face or voice yet");
}

TEST(Fusion, ReportsDisagreementBetweenModalities) {
  MoodFusion f;
  f.observe_probs(Modality::Face, EmotionProbs{0, 0, 0, 1, 0, 0, 0}, 1.0);   // happy
  f.observe_probs(Modality::Voice, EmotionProbs{0, 0, 0, 0, 1, 0, 0}, 1.0);  // sad
  auto m = f.update(1.0);
  EXPECT_TRUE(m.disagree);
  EXPECT_NEAR(m.disagreement, attune::distance(attune::emotion_va(Emotion::Happy), attune::emotion_va(Emotion::Sad)),
              1e-5);
  EXPECT_EQ(m.status(), "face and voice disagree");

  MoodFusion g;
  g.observe_probs(Modality::Face, EmotionProbs{0.8f, 0.1f, 0.1f, 0, 0, 0, 0}, 1.0);
  g.observe_probs(Modality::Voice, EmotionProbs{0.9f, 0.0f, 0.1f, 0, 0, 0, 0}, 1.0);
  m = g.update(1.0);
  EXPECT_FALSE(m.disagree);
  EXPECT_LT(m.disagreement, 0.1f);
  EXPECT_EQ(m.status(), "face and voice agree");
}

TEST(Fusion, SmoothsAStepChangeOverTheWindow) {
  FusionConfig c;
  c.smoothing_window_s = 2.0;
  c.freshness_half_life_s = 1.0;
  MoodFusion f(c);
  double t = 0;
  for (; t < 3.0; t += 0.1) f.observe(Modality::Face, point(-0.8f, 0.0f), 0.9f, t);
  // The face jumps to positive; the fused valence moves there gradually, not in one frame.
  float previous = f.update(t - 0.1).estimate.mean.valence;
  EXPECT_NEAR(previous, -0.8f, 1e-5);
  bool saw_intermediate = false;
  for (; t < 6.0; t += 0.1) {
    f.observe(Modality::Face, point(0.8f, 0.0f), 0.9f, t);
    const float v = f.update(t).estimate.mean.valence;
    EXPECT_GE(v, previous - 1e-6f);  // monotone toward the new value
    if (v > -0.7f && v < 0.7f) saw_intermediate = true;
    previous = v;
  }
  EXPECT_TRUE(saw_intermediate);
  EXPECT_NEAR(previous, 0.8f, 1e-5);  // once the window has passed, only the new value remains
}

TEST(Fusion, ShorterWindowFollowsFaster) {
  auto valence_after_step = [](double window) {
    FusionConfig c;
    c.smoothing_window_s = window;
    MoodFusion f(c);
    for (double t = 0; t < 3.0; t += 0.1) f.observe(Modality::Face, point(-0.8f, 0.0f), 0.9f, t);
    for (double t = 3.0; t < 3.45; t += 0.1) f.observe(Modality::Face, point(0.8f, 0.0f), 0.9f, t);
    return f.update(3.4).estimate.mean.valence;
  };
  EXPECT_GT(valence_after_step(1.0), valence_after_step(3.0));
}

TEST(Fusion, FastStreamDoesNotDrownASlowOne) {
  MoodFusion f;
  for (int i = 0; i <= 30; ++i) f.observe(Modality::Face, point(0.6f, 0.0f), 0.8f, i * 0.1);
  f.observe(Modality::Voice, point(-0.6f, 0.0f), 0.8f, 3.0);
  const auto m = f.update(3.0);
  EXPECT_NEAR(m.face.weight, 0.5f, 1e-5);
  EXPECT_NEAR(m.estimate.mean.valence, 0.0f, 1e-5);
}

TEST(Fusion, RejectsInvalidReadings) {
  MoodFusion f;
  VAEstimate nan_est = point(std::numeric_limits<float>::quiet_NaN(), 0.0f);
  EXPECT_FALSE(f.observe(Modality::Face, nan_est, 0.5f, 1.0));
  EXPECT_FALSE(f.observe(Modality::Face, point(0, 0), 1.5f, 1.0));
  EXPECT_FALSE(f.observe(Modality::Face, point(0, 0), 0.5f, std::numeric_limits<double>::infinity()));
  EXPECT_FALSE(f.observe_probs(Modality::Face, EmotionProbs{}, 1.0));
  ASSERT_TRUE(f.observe(Modality::Face, point(0, 0), 0.5f, 2.0));
  EXPECT_FALSE(f.observe(Modality::Face, point(0, 0), 0.5f, 1.0));  // older than the latest
  EXPECT_EQ(f.update(2.0).modalities_used(), 1);
}

TEST(Fusion, ResetForgetsEverything) {
  MoodFusion f;
  f.observe(Modality::Face, point(0.3f, 0.3f), 0.5f, 1.0);
  f.reset();
  EXPECT_FALSE(f.update(1.0).available);
}

TEST(ConfidenceFromProbs, UniformIsZeroAndOneHotIsOne) {
  EmotionProbs uniform;
  uniform.fill(1.0f / 7.0f);
  EXPECT_NEAR(attune::confidence_from_probs(uniform), 0.0f, 1e-6);
  EXPECT_NEAR(attune::confidence_from_probs(EmotionProbs{0, 0, 1, 0, 0, 0, 0}), 1.0f, 1e-6);
  const float mid = attune::confidence_from_probs(EmotionProbs{0.5f, 0.5f, 0, 0, 0, 0, 0});
  EXPECT_GT(mid, 0.0f);
  EXPECT_LT(mid, 1.0f);
}

TEST(FusionProbs, FusedBarsMixTheModalitiesWithTheirWeights) {
  MoodFusion f;
  EmotionProbs happy{}, sad{};
  happy[static_cast<int>(Emotion::Happy)] = 0.9f;
  happy[static_cast<int>(Emotion::Neutral)] = 0.1f;
  sad[static_cast<int>(Emotion::Sad)] = 0.6f;
  sad[static_cast<int>(Emotion::Neutral)] = 0.4f;
  ASSERT_TRUE(f.observe_probs(Modality::Face, happy, 3.0));
  ASSERT_TRUE(f.observe_probs(Modality::Voice, sad, 3.0));
  const auto m = f.update(3.0);
  ASSERT_TRUE(m.has_probs);
  const float wf = m.face.weight, wv = m.voice.weight;
  EXPECT_GT(wf, wv);  // the face reading is the more confident one
  EXPECT_NEAR(m.probs[static_cast<int>(Emotion::Happy)], wf * 0.9f, 1e-5);
  EXPECT_NEAR(m.probs[static_cast<int>(Emotion::Sad)], wv * 0.6f, 1e-5);
  EXPECT_NEAR(m.probs[static_cast<int>(Emotion::Neutral)], wf * 0.1f + wv * 0.4f, 1e-5);
  float sum = 0;
  for (float p : m.probs) sum += p;
  EXPECT_NEAR(sum, 1.0f, 1e-5);
  EXPECT_NEAR(m.confidence, attune::confidence_from_probs(m.probs), 1e-6);
}

TEST(FusionProbs, OneModalityPassesItsSmoothedProbabilitiesThrough) {
  MoodFusion f;
  EmotionProbs unnormalised{};
  unnormalised[static_cast<int>(Emotion::Angry)] = 3.0f;
  unnormalised[static_cast<int>(Emotion::Fear)] = 1.0f;
  ASSERT_TRUE(f.observe_probs(Modality::Voice, unnormalised, 1.0));
  const auto m = f.update(1.0);
  ASSERT_TRUE(m.has_probs);
  EXPECT_NEAR(m.probs[static_cast<int>(Emotion::Angry)], 0.75f, 1e-6);
  EXPECT_NEAR(m.probs[static_cast<int>(Emotion::Fear)], 0.25f, 1e-6);
  EXPECT_NEAR(m.voice.probs[static_cast<int>(Emotion::Angry)], 0.75f, 1e-6);
}

TEST(FusionProbs, StaleModalityLeavesTheBarsAndVaOnlyReadingsHaveNone) {
  MoodFusion f;
  EmotionProbs happy{};
  happy[static_cast<int>(Emotion::Happy)] = 1.0f;
  f.observe_probs(Modality::Face, happy, 0.0);
  f.observe(Modality::Voice, point(-0.5f, 0.5f), 0.8f, 9.0);  // VA only, no class probabilities
  const auto m = f.update(9.0);  // the face reading is stale by now
  ASSERT_TRUE(m.available);
  EXPECT_FALSE(m.face.present);
  EXPECT_FALSE(m.has_probs);
}
