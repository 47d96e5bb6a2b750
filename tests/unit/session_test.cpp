#include "core/session.h"

#include <gtest/gtest.h>

#include <string>

using namespace attune;

namespace {

// A small catalog with one track per artist spread over the plane.
Catalog grid_catalog() {
  Catalog c;
  c.name = "test";
  int n = 0;
  for (int i = -4; i <= 4; ++i)
    for (int j = -4; j <= 4; ++j) {
      Track t;
      t.id = "t" + std::to_string(n);
      t.artist = "artist " + std::to_string(n);
      t.title = "title " + std::to_string(n);
      t.url = "https://example.org/" + std::to_string(n);
      t.va = VA{i / 4.0f, j / 4.0f};
      c.tracks.push_back(t);
      ++n;
    }
  return c;
}

EmotionProbs one_hot(Emotion e, float p = 0.94f) {
  EmotionProbs probs{};
  probs.fill((1.0f - p) / 6.0f);
  probs[static_cast<int>(e)] = p;
  return probs;
}

float mean_valence(const MoodSession& s) {
  float sum = 0;
  for (const auto& r : s.recommendations()) sum += s.catalog().tracks[r.track].va.valence;
  return sum / s.recommendations().size();
}

}  // namespace

TEST(MoodSession, NoReadingsMeansNoMoodAndNoRecommendations) {
  MoodSession s;
  s.set_catalog(grid_catalog());
  s.tick(1.0);
  EXPECT_FALSE(s.mood().available);
  EXPECT_TRUE(s.recommendations().empty());
  EXPECT_TRUE(s.trail().empty());
}

TEST(MoodSession, HappyFaceRecommendsPositiveTracksAndSadFaceNegativeOnes) {
  SessionConfig config;
  config.recommend_interval_s = 0.5;
  MoodSession s(config);
  s.set_catalog(grid_catalog());
  for (double t = 0; t < 3; t += 0.1) {
    s.observe(Modality::Face, one_hot(Emotion::Happy), t);
    s.tick(t);
  }
  ASSERT_EQ(s.recommendations().size(), 10u);
  EXPECT_GT(s.mood().estimate.mean.valence, 0.5f);
  EXPECT_GT(mean_valence(s), 0.4f);

  // The face turns sad: after the fusion window the list follows.
  for (double t = 3; t < 12; t += 0.1) {
    s.observe(Modality::Face, one_hot(Emotion::Sad), t);
    s.tick(t);
  }
  EXPECT_LT(s.mood().estimate.mean.valence, -0.3f);
  EXPECT_LT(mean_valence(s), -0.2f);
}

TEST(MoodSession, SmallDriftDoesNotReshuffleTheList) {
  SessionConfig config;
  config.recommend_interval_s = 0.0;  // only the distance threshold applies
  config.recommend_move = 0.3f;
  MoodSession s(config);
  s.set_catalog(grid_catalog());
  s.observe(Modality::Face, one_hot(Emotion::Neutral), 0.0);
  s.tick(0.0);
  const int after_first = s.rankings();
  EXPECT_EQ(after_first, 1);
  // A slightly different neutral: the mood moves a little, less than the threshold.
  s.observe(Modality::Face, one_hot(Emotion::Neutral, 0.8f), 0.1);
  s.tick(0.1);
  EXPECT_EQ(s.rankings(), after_first);
}

TEST(MoodSession, AHeldListWaitsForTheReleaseToFollowTheMood) {
  SessionConfig config;
  config.recommend_interval_s = 0.0;
  MoodSession s(config);
  s.set_catalog(grid_catalog());
  s.observe(Modality::Face, one_hot(Emotion::Happy), 0.0);
  s.tick(0.0);
  const int first = s.rankings();
  const auto happy_list = s.recommendations();
  // A finger is down on the list while the face turns sad: the list stays as it was under the finger.
  s.hold_list(true);
  for (double t = 0.1; t < 9; t += 0.1) {
    s.observe(Modality::Face, one_hot(Emotion::Sad), t);
    s.tick(t);
  }
  EXPECT_LT(s.mood().estimate.mean.valence, -0.3f);
  EXPECT_EQ(s.rankings(), first);
  ASSERT_EQ(s.recommendations().size(), happy_list.size());
  for (std::size_t i = 0; i < happy_list.size(); ++i) EXPECT_EQ(s.recommendations()[i].track, happy_list[i].track);
  // Released: the next tick follows the mood.
  s.hold_list(false);
  s.tick(9.0);
  EXPECT_EQ(s.rankings(), first + 1);
  EXPECT_LT(mean_valence(s), -0.2f);
  // A vote made while held still re-ranks (it is the listener's own doing).
  s.hold_list(true);
  s.vote(s.recommendations()[0].track, Vote::Down);
  s.tick(9.1);
  EXPECT_EQ(s.rankings(), first + 2);
}

TEST(MoodSession, StrategyChangeAndVotesReRankAtTheNextTick) {
  MoodSession s;
  s.set_catalog(grid_catalog());
  s.observe(Modality::Face, one_hot(Emotion::Angry), 0.0);
  s.tick(0.0);
  const int n = s.rankings();
  const float arousal_match = s.catalog().tracks[s.recommendations()[0].track].va.arousal;

  s.set_strategy(Strategy::CalmDown);
  s.tick(0.05);
  EXPECT_EQ(s.rankings(), n + 1);
  const float arousal_calm = s.catalog().tracks[s.recommendations()[0].track].va.arousal;
  EXPECT_LT(arousal_calm, arousal_match);

  const std::size_t disliked = s.recommendations()[0].track;
  s.vote(disliked, Vote::Down);
  s.tick(0.1);
  EXPECT_EQ(s.rankings(), n + 2);
  for (const auto& r : s.recommendations()) EXPECT_NE(r.track, disliked);

  s.forget_feedback();
  s.tick(0.15);
  EXPECT_EQ(s.feedback().size(), 0u);
  EXPECT_EQ(s.recommendations()[0].track, disliked);  // back to the list before the vote
}

TEST(MoodSession, TrailKeepsOnlyTheLastSeconds) {
  SessionConfig config;
  config.trail_seconds = 2.0;
  MoodSession s(config);
  s.set_catalog(grid_catalog());
  for (double t = 0; t < 5; t += 0.1) {
    s.observe(Modality::Voice, one_hot(Emotion::Happy), t);
    s.tick(t);
  }
  ASSERT_FALSE(s.trail().empty());
  EXPECT_GE(s.trail().front().time_s, 4.9 - 2.0 - 1e-9);
  EXPECT_LE(s.trail().size(), 21u);
}

TEST(MoodSession, ResetMoodForgetsTheMoodButKeepsFeedback) {
  MoodSession s;
  s.set_catalog(grid_catalog());
  s.observe(Modality::Face, one_hot(Emotion::Happy), 0.0);
  s.tick(0.0);
  s.vote(s.recommendations()[0].track, Vote::Up);
  s.reset_mood();
  s.tick(0.5);
  EXPECT_FALSE(s.mood().available);
  EXPECT_TRUE(s.recommendations().empty());
  EXPECT_TRUE(s.trail().empty());
  EXPECT_EQ(s.feedback().size(), 1u);
}
