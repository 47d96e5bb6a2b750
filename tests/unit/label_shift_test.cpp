// Label shift: zero offsets change nothing, an offset scales a class's odds by e^offset, invalid input
// comes back unchanged, and the voice stage's fixed offsets are the ones training/voice/prior_offsets.json
// ships (fitted by training/voice/prior_offsets.py, or all zero when no fit passed its check).
#include "core/label_shift.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include <nlohmann/json.hpp>

using namespace attune;

namespace {

EmotionProbs example() { return {0.05f, 0.05f, 0.10f, 0.10f, 0.30f, 0.05f, 0.35f}; }

}  // namespace

TEST(LabelShift, ZeroOffsetsOnlyNormalise) {
  EmotionProbs doubled = example();
  for (float& p : doubled) p *= 2.0f;
  const EmotionProbs out = shift_classes(doubled, EmotionProbs{});
  for (std::size_t c = 0; c < kEmotionCount; ++c) EXPECT_NEAR(out[c], example()[c], 1e-6f) << c;
}

TEST(LabelShift, AnOffsetScalesThatClassOddsByItsExponential) {
  EmotionProbs offsets{};
  offsets[static_cast<int>(Emotion::Sad)] = std::log(2.0f);
  const EmotionProbs in = example();
  const EmotionProbs out = shift_classes(in, offsets);
  double sum = 0;
  for (float p : out) sum += p;
  EXPECT_NEAR(sum, 1.0, 1e-6);
  // sad 0.30 -> 0.60 before renormalising by 1.30
  EXPECT_NEAR(out[static_cast<int>(Emotion::Sad)], 0.60 / 1.30, 1e-6);
  // the other classes keep their ratios
  EXPECT_NEAR(out[static_cast<int>(Emotion::Neutral)] / out[static_cast<int>(Emotion::Angry)], 7.0, 1e-4);
}

TEST(LabelShift, InvalidInputComesBackUnchanged) {
  EmotionProbs negative = example();
  negative[0] = -0.1f;
  EmotionProbs nan = example();
  nan[3] = std::numeric_limits<float>::quiet_NaN();
  const EmotionProbs zeros{};
  EmotionProbs offsets{};
  offsets.fill(0.5f);
  EXPECT_EQ(shift_classes(negative, offsets), negative);
  EXPECT_TRUE(std::isnan(shift_classes(nan, offsets)[3]));
  EXPECT_EQ(shift_classes(zeros, offsets), zeros);
}

TEST(LabelShift, TheVoiceOffsetsAreTheShippedOnes) {
  std::ifstream file(std::filesystem::path(ATTUNE_SOURCE_DIR) / "training" / "voice" / "prior_offsets.json");
  ASSERT_TRUE(file) << "training/voice/prior_offsets.json";
  std::stringstream text;
  text << file.rdbuf();
  const auto fitted = nlohmann::json::parse(text.str());
  ASSERT_EQ(fitted["classes"].size(), kEmotionCount);
  for (std::size_t c = 0; c < kEmotionCount; ++c) {
    EXPECT_EQ(fitted["classes"][c].get<std::string>(), kEmotionNames[c]);
    EXPECT_NEAR(kVoicePriorOffsets[c], fitted["offsets"][c].get<double>(), 1e-6) << kEmotionNames[c];
  }
}

TEST(LabelShift, APositiveSadOffsetReadsSadWhereTheModelWasTornBetweenSadAndNeutral) {
  EmotionProbs torn{};
  torn.fill(0.02f);
  torn[static_cast<int>(Emotion::Sad)] = 0.43f;
  torn[static_cast<int>(Emotion::Neutral)] = 0.47f;
  ASSERT_LT(torn[static_cast<int>(Emotion::Sad)], torn[static_cast<int>(Emotion::Neutral)]);
  EmotionProbs offsets{};  // the shape of the offsets fitted for the earlier voice model (sad up, neutral down)
  offsets[static_cast<int>(Emotion::Sad)] = 0.05f;
  offsets[static_cast<int>(Emotion::Neutral)] = -0.25f;
  const EmotionProbs out = shift_classes(torn, offsets);
  EXPECT_GT(out[static_cast<int>(Emotion::Sad)], out[static_cast<int>(Emotion::Neutral)]);
}
