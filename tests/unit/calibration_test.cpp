// The per-person calibration: a biased reading is corrected toward the population's neutral reading,
// no calibration (and a forgotten one) is the identity, the cap holds for any baseline, and the
// recording and its JSON round trip behave.
#include "core/calibration.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/session.h"

using namespace attune;

namespace {

EmotionProbs peaked(Emotion e, float p) {
  EmotionProbs probs{};
  probs.fill((1.0f - p) / 6.0f);
  probs[static_cast<int>(e)] = p;
  return probs;
}

// A resting face the model reads as partly sad: neutral 0.5, sad 0.35, the rest 0.03 each.
EmotionProbs sad_resting_face() {
  EmotionProbs p{};
  p.fill(0.03f);
  p[static_cast<int>(Emotion::Neutral)] = 0.5f;
  p[static_cast<int>(Emotion::Sad)] = 0.35f;
  return p;
}

float sum(const EmotionProbs& p) {
  float s = 0;
  for (float x : p) s += x;
  return s;
}

EmotionProbs random_probs(std::mt19937& rng) {
  std::gamma_distribution<float> g(0.3f, 1.0f);
  EmotionProbs p{};
  float s = 0;
  for (float& x : p) s += x = g(rng) + 1e-6f;
  for (float& x : p) x /= s;
  return p;
}

VA va_of(const EmotionProbs& p) { return estimate_va(p)->mean; }

}  // namespace

TEST(Calibration, UncalibratedIsTheIdentity) {
  Calibration c;
  EXPECT_FALSE(c.any());
  std::mt19937 rng(1);
  for (int i = 0; i < 100; ++i) {
    const EmotionProbs p = random_probs(rng);
    EXPECT_EQ(c.correct(Modality::Face, p), p);
    EXPECT_EQ(c.correct(Modality::Voice, p), p);
  }
  for (float o : c.offsets(Modality::Face)) EXPECT_EQ(o, 0.0f);
}

TEST(Calibration, TheBaselineItselfBecomesTheNeutralReference) {
  Calibration c;
  ASSERT_TRUE(c.set_baseline(Modality::Face, sad_resting_face(), 50));
  const EmotionProbs corrected = c.correct(Modality::Face, sad_resting_face());
  const EmotionProbs& reference = neutral_reference(Modality::Face);
  EXPECT_NEAR(sum(corrected), 1.0f, 1e-5f);
  // Within the cap the correction maps the baseline exactly onto the reference.
  const bool capped = [&] {
    for (float o : c.offsets(Modality::Face)) if (std::fabs(o) >= c.config().max_offset - 1e-6f) return true;
    return false;
  }();
  ASSERT_FALSE(capped) << "this baseline is meant to lie within the cap of the measured reference";
  for (std::size_t i = 0; i < kEmotionCount; ++i) EXPECT_NEAR(corrected[i], reference[i], 1e-4f) << i;
  // So the point moves to the reference's point: valence up, sad down.
  const VA before = va_of(sad_resting_face()), after = va_of(corrected), target = va_of(reference);
  EXPECT_LT(distance(after, target), distance(before, target) * 0.5f);
  EXPECT_GT(after.valence, before.valence);
  EXPECT_LT(corrected[static_cast<int>(Emotion::Sad)], sad_resting_face()[static_cast<int>(Emotion::Sad)]);
  // The other modality is untouched.
  EXPECT_EQ(c.correct(Modality::Voice, sad_resting_face()), sad_resting_face());
}

TEST(Calibration, ABiasedLaterReadingMovesTowardNeutralButKeepsItsDirection) {
  Calibration c;
  ASSERT_TRUE(c.set_baseline(Modality::Face, sad_resting_face(), 50));
  // The same person, now smiling: still read as happy after the correction, and less sad than raw.
  EmotionProbs smile = sad_resting_face();
  smile[static_cast<int>(Emotion::Happy)] = 0.6f;
  smile[static_cast<int>(Emotion::Neutral)] = 0.2f;
  smile[static_cast<int>(Emotion::Sad)] = 0.08f;
  const EmotionProbs corrected = c.correct(Modality::Face, smile);
  EXPECT_EQ(argmax(corrected), Emotion::Happy);
  EXPECT_GT(va_of(corrected).valence, va_of(smile).valence);
}

TEST(Calibration, ForgettingRestoresTheIdentity) {
  Calibration c;
  ASSERT_TRUE(c.set_baseline(Modality::Face, sad_resting_face(), 50));
  ASSERT_TRUE(c.set_baseline(Modality::Voice, peaked(Emotion::Angry, 0.5f), 5));
  EXPECT_NE(c.correct(Modality::Face, sad_resting_face()), sad_resting_face());
  c.clear();
  EXPECT_FALSE(c.any());
  std::mt19937 rng(2);
  for (int i = 0; i < 100; ++i) {
    const EmotionProbs p = random_probs(rng);
    EXPECT_EQ(c.correct(Modality::Face, p), p);
    EXPECT_EQ(c.correct(Modality::Voice, p), p);
  }
}

TEST(Calibration, TheCapHoldsForAnExtremeBaseline) {
  Calibration c;
  const float cap = c.config().max_offset;
  const float factor = std::exp(2 * cap) * 1.0001f;  // at most e^(2 cap) = 16 for the default log 4
  // Baselines recorded on strongly non-neutral faces, up to one-hot (log 0 without the floor).
  for (int e = 0; e < static_cast<int>(kEmotionCount); ++e) {
    for (float p : {0.9f, 1.0f}) {
      ASSERT_TRUE(c.set_baseline(Modality::Face, peaked(static_cast<Emotion>(e), p), 50));
      for (float o : c.offsets(Modality::Face)) EXPECT_LE(std::fabs(o), cap + 1e-6f);
      std::mt19937 rng(3 + e);
      for (int i = 0; i < 200; ++i) {
        const EmotionProbs in = random_probs(rng);
        const EmotionProbs out = c.correct(Modality::Face, in);
        EXPECT_NEAR(sum(out), 1.0f, 1e-5f);
        for (std::size_t k = 0; k < kEmotionCount; ++k) {
          EXPECT_LE(out[k], in[k] * factor + 1e-7f);
          EXPECT_GE(out[k] * factor + 1e-7f, in[k]);
        }
      }
    }
  }
  // A reading whose top class is over 16 times as likely as each other class keeps its label even
  // under the worst baseline for it (one-hot on that class): 0.9 vs 0.0167 here.
  ASSERT_TRUE(c.set_baseline(Modality::Face, peaked(Emotion::Happy, 1.0f), 50));
  EXPECT_EQ(argmax(c.correct(Modality::Face, peaked(Emotion::Happy, 0.9f))), Emotion::Happy);
}

TEST(Calibration, InvalidBaselinesAndReadingsAreRejected) {
  Calibration c;
  EmotionProbs bad = sad_resting_face();
  bad[0] = std::nanf("");
  EXPECT_FALSE(c.set_baseline(Modality::Face, bad, 10));
  EXPECT_FALSE(c.set_baseline(Modality::Face, EmotionProbs{}, 10));
  EXPECT_FALSE(c.set_baseline(Modality::Face, sad_resting_face(), 0));
  EXPECT_FALSE(c.any());
  ASSERT_TRUE(c.set_baseline(Modality::Face, sad_resting_face(), 10));
  EXPECT_EQ(c.correct(Modality::Face, bad)[1], bad[1]);  // passed through unchanged; fusion rejects it
}

TEST(Calibration, JsonRoundTripAndMalformedInput) {
  Calibration c;
  ASSERT_TRUE(c.set_baseline(Modality::Face, sad_resting_face(), 42));
  Calibration restored;
  std::string error;
  ASSERT_TRUE(restored.from_json(c.to_json(), &error)) << error;
  EXPECT_TRUE(restored.calibrated(Modality::Face));
  EXPECT_FALSE(restored.calibrated(Modality::Voice));
  EXPECT_EQ(restored.baseline(Modality::Face)->readings, 42);
  const EmotionProbs a = c.correct(Modality::Face, peaked(Emotion::Fear, 0.4f));
  const EmotionProbs b = restored.correct(Modality::Face, peaked(Emotion::Fear, 0.4f));
  for (std::size_t i = 0; i < kEmotionCount; ++i) EXPECT_NEAR(a[i], b[i], 1e-6f);

  for (const char* text : {"", "[]", "{\"version\":2}", "{\"version\":1,\"face\":{\"mean\":[1,2],\"readings\":3}}",
                           "{\"version\":1,\"face\":{\"mean\":[0,0,0,0,0,0,0],\"readings\":3}}",
                           "{\"version\":1,\"voice\":{\"mean\":[0,0,0,0,0,0,1],\"readings\":0}}"}) {
    std::string why;
    EXPECT_FALSE(restored.from_json(text, &why)) << text;
    EXPECT_FALSE(why.empty());
    EXPECT_TRUE(restored.calibrated(Modality::Face)) << "unchanged after " << text;
  }
  EXPECT_TRUE(restored.from_json("{\"version\":1}"));
  EXPECT_FALSE(restored.any());
}

TEST(CalibrationRecording, AveragesTheWindowAndNeedsEnoughReadings) {
  CalibrationConfig config;
  config.duration_s = 10;
  CalibrationRecording rec(config);
  Calibration c(config);
  rec.observe(Modality::Face, peaked(Emotion::Angry, 0.9f), 1.0);  // before the start: ignored
  rec.start(100.0);
  EXPECT_TRUE(rec.recording());
  EXPECT_FLOAT_EQ(rec.progress(102.5), 0.25f);
  EXPECT_DOUBLE_EQ(rec.remaining_s(102.5), 7.5);
  for (int i = 0; i < 10; ++i) rec.observe(Modality::Face, i % 2 ? peaked(Emotion::Sad, 0.5f) : peaked(Emotion::Neutral, 0.5f), 100.5 + i);
  rec.observe(Modality::Voice, peaked(Emotion::Happy, 0.5f), 101.0);  // one voice reading: too few
  EXPECT_FALSE(rec.finish_if_due(109.9, c));
  EXPECT_TRUE(rec.finish_if_due(110.0, c));
  EXPECT_FALSE(rec.recording());
  ASSERT_TRUE(c.calibrated(Modality::Face));
  EXPECT_FALSE(c.calibrated(Modality::Voice));
  EXPECT_EQ(c.baseline(Modality::Face)->readings, 10);
  EXPECT_NEAR(c.baseline(Modality::Face)->mean[static_cast<int>(Emotion::Sad)], (0.5f + 0.5f / 6) / 2, 1e-5f);
  EXPECT_NEAR(c.baseline(Modality::Face)->mean[static_cast<int>(Emotion::Neutral)], (0.5f + 0.5f / 6) / 2, 1e-5f);
}

TEST(CalibrationRecording, TooFewReadingsKeepThePreviousBaseline) {
  CalibrationRecording rec;
  Calibration c;
  ASSERT_TRUE(c.set_baseline(Modality::Face, sad_resting_face(), 30));
  rec.start(0.0);
  rec.observe(Modality::Face, peaked(Emotion::Happy, 0.9f), 1.0);
  EXPECT_TRUE(rec.finish_if_due(20.0, c));
  EXPECT_EQ(c.baseline(Modality::Face)->readings, 30);
}

// End to end through the session: calibrating on a biased "neutral" stream moves the fused point of
// the same stream toward the reference's point, the uncorrected point stays where it was, and
// forgetting the calibration makes the two equal again.
TEST(Calibration, SessionCorrectsBeforeFusionAndReportsBothPoints) {
  MoodSession s;
  double t = 0;
  s.start_calibration(t);
  for (; t < 10.0; t += 0.2) {
    s.observe(Modality::Face, sad_resting_face(), t);
    s.tick(t);
  }
  for (; t < 20.0; t += 0.2) {
    s.observe(Modality::Face, sad_resting_face(), t);
    s.tick(t);
  }
  ASSERT_EQ(s.calibrations(), 1);
  ASSERT_TRUE(s.calibration().calibrated(Modality::Face));
  const VA target = va_of(neutral_reference(Modality::Face));
  const VA raw = s.mood_uncorrected().estimate.mean, corrected = s.mood().estimate.mean;
  EXPECT_NEAR(raw.valence, va_of(sad_resting_face()).valence, 1e-4f);
  EXPECT_LT(distance(corrected, target), distance(raw, target) * 0.5f);

  s.forget_calibration();
  for (; t < 30.0; t += 0.2) {
    s.observe(Modality::Face, sad_resting_face(), t);
    s.tick(t);
  }
  EXPECT_FALSE(s.calibration().any());
  EXPECT_NEAR(distance(s.mood().estimate.mean, s.mood_uncorrected().estimate.mean), 0.0f, 1e-5f);
}
