#include "core/recommend.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <fstream>
#include <set>
#include <sstream>

using attune::Catalog;
using attune::Feedback;
using attune::History;
using attune::KdTree2D;
using attune::Recommender;
using attune::RecommendOptions;
using attune::Strategy;
using attune::Track;
using attune::VA;
using attune::Vote;

namespace {

Track track(const std::string& id, const std::string& artist, float v, float a, const std::string& genre = "") {
  Track t;
  t.id = id;
  t.artist = artist;
  t.title = "Song " + id;
  t.genre = genre;
  t.url = "https://example.org/" + id;
  t.va = {v, a};
  return t;
}

// A 41 x 41 grid over the VA square, every track by its own artist.
Catalog grid_catalog() {
  Catalog c;
  for (int i = 0; i <= 40; ++i)
    for (int j = 0; j <= 40; ++j) {
      const std::string id = "g" + std::to_string(i) + "_" + std::to_string(j);
      c.tracks.push_back(track(id, "artist " + id, -1.0f + 0.05f * i, -1.0f + 0.05f * j));
    }
  return c;
}

Catalog random_catalog(std::size_t n, int artists, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::uniform_int_distribution<int> pick_artist(0, artists - 1);
  Catalog c;
  for (std::size_t i = 0; i < n; ++i) {
    const int a = pick_artist(rng);
    c.tracks.push_back(track("r" + std::to_string(i), "Artist " + std::to_string(a), u(rng), u(rng),
                             "genre " + std::to_string(a % 7)));
  }
  return c;
}

std::vector<VA> random_points(std::size_t n, std::uint32_t seed, float lo = -1.0f, float hi = 1.0f) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(lo, hi);
  std::vector<VA> p(n);
  for (auto& x : p) x = {u(rng), u(rng)};
  return p;
}

std::vector<std::string> ids(const Recommender& r, const std::vector<attune::Recommendation>& recs) {
  std::vector<std::string> out;
  for (const auto& x : recs) out.push_back(r.catalog().tracks[x.track].id);
  return out;
}

}  // namespace

// ---- spatial index ------------------------------------------------------------------------------

TEST(KdTree2D, AgreesWithBruteForceOnRandomData) {
  for (std::size_t n : {0u, 1u, 7u, 8u, 9u, 100u, 5000u}) {
    const auto points = random_points(n, static_cast<std::uint32_t>(n) + 1);
    const KdTree2D tree(points);
    ASSERT_EQ(tree.size(), n);
    const auto queries = random_points(200, 99, -1.5f, 1.5f);  // also outside the square
    for (const VA& q : queries)
      for (std::size_t k : {1u, 5u, 10u, 64u, 6000u}) {
        const auto fast = tree.nearest(q, k);
        const auto slow = attune::nearest_brute_force(points, q, k);
        ASSERT_EQ(fast.size(), std::min(k, n));
        ASSERT_EQ(fast.size(), slow.size());
        for (std::size_t i = 0; i < fast.size(); ++i) {
          ASSERT_EQ(fast[i].index, slow[i].index) << "n=" << n << " k=" << k << " i=" << i;
          ASSERT_EQ(fast[i].distance_sq, slow[i].distance_sq);
        }
        for (std::size_t i = 1; i < fast.size(); ++i) ASSERT_LE(fast[i - 1].distance_sq, fast[i].distance_sq);
      }
  }
}

TEST(KdTree2D, AgreesWithBruteForceWithManyTies) {
  // DEAM-like data: ratings on a coarse grid, so many tracks share a point.
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> step(-8, 8);
  std::vector<VA> points(3000);
  for (auto& p : points) p = {step(rng) / 8.0f, step(rng) / 8.0f};
  const KdTree2D tree(points);
  for (const VA& q : random_points(100, 3))
    for (std::size_t k : {1u, 10u, 50u}) {
      const auto fast = tree.nearest(q, k);
      const auto slow = attune::nearest_brute_force(points, q, k);
      ASSERT_EQ(fast.size(), slow.size());
      for (std::size_t i = 0; i < fast.size(); ++i) ASSERT_EQ(fast[i].index, slow[i].index);
    }
}

// ---- strategies ---------------------------------------------------------------------------------

TEST(Recommend, MatchMoodRanksByEuclideanDistanceNearestFirst) {
  const Recommender r(grid_catalog());
  const VA mood{0.32f, -0.41f};
  RecommendOptions o;
  o.count = 10;
  const auto recs = r.recommend(mood, o);
  ASSERT_EQ(recs.size(), 10u);
  // Same as the 10 nearest by brute force (every artist is distinct here).
  std::vector<VA> points;
  for (const auto& t : r.catalog().tracks) points.push_back(t.va);
  const auto expected = attune::nearest_brute_force(points, mood, 10);
  for (std::size_t i = 0; i < 10; ++i) {
    EXPECT_EQ(recs[i].track, expected[i].index);
    EXPECT_NEAR(recs[i].distance, attune::distance(r.catalog().tracks[recs[i].track].va, mood), 1e-6);
    EXPECT_FLOAT_EQ(recs[i].bonus, 0.0f);
  }
}

TEST(Recommend, UsesDistanceNotAngle) {
  // Same direction from the origin as the mood but far away, versus another direction but close:
  // cosine similarity would pick the first; distance picks the second.
  Catalog c;
  c.tracks.push_back(track("same-angle-far", "A", 0.9f, 0.9f));
  c.tracks.push_back(track("other-angle-near", "B", 0.2f, 0.0f));
  const Recommender r(std::move(c));
  RecommendOptions o;
  o.count = 1;
  const auto recs = r.recommend({0.1f, 0.1f}, o);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(r.catalog().tracks[recs[0].track].id, "other-angle-near");
}

TEST(Recommend, CalmDownAndEnergiseMoveArousalTheRightWay) {
  const Recommender r(grid_catalog());
  const VA mood{-0.4f, 0.1f};
  RecommendOptions calm, energise;
  calm.strategy = Strategy::CalmDown;
  energise.strategy = Strategy::Energise;
  const auto down = r.recommend(mood, calm);
  const auto up = r.recommend(mood, energise);
  ASSERT_EQ(down.size(), 10u);
  ASSERT_EQ(up.size(), 10u);
  for (const auto& x : down) {
    EXPECT_LT(r.catalog().tracks[x.track].va.arousal, mood.arousal);
    EXPECT_NEAR(x.target.arousal, mood.arousal - calm.shift, 1e-6);
    EXPECT_GT(x.target.valence, mood.valence);  // calming is not saddening
    EXPECT_EQ(x.explanation.rfind("calmer than your mood: ", 0), 0u) << x.explanation;
  }
  for (const auto& x : up) {
    EXPECT_GT(r.catalog().tracks[x.track].va.arousal, mood.arousal);
    EXPECT_EQ(x.explanation.rfind("more energetic than your mood: ", 0), 0u) << x.explanation;
  }
}

TEST(Recommend, TargetsAreClampedToTheSquare) {
  RecommendOptions o;
  const VA t = attune::strategy_target(Strategy::Energise, {0.95f, 0.9f}, o);
  EXPECT_FLOAT_EQ(t.valence, 1.0f);
  EXPECT_FLOAT_EQ(t.arousal, 1.0f);
}

TEST(Recommend, IsoPlaylistStartsAtTheMoodAndStepsToTheTarget) {
  const Recommender r(grid_catalog());
  const VA mood{-0.7f, 0.7f};  // tense, negative
  RecommendOptions o;
  o.strategy = Strategy::Iso;
  o.count = 8;
  o.iso_target = {0.5f, -0.5f};
  const auto list = r.recommend(mood, o);
  ASSERT_EQ(list.size(), 8u);
  EXPECT_LT(list.front().distance, 0.05f);
  EXPECT_NEAR(list.front().target.valence, mood.valence, 1e-6);
  EXPECT_NEAR(list.back().target.valence, 0.5f, 1e-6);
  EXPECT_NEAR(list.back().target.arousal, -0.5f, 1e-6);
  float previous_gap = std::numeric_limits<float>::infinity();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const VA p = r.catalog().tracks[list[i].track].va;
    const float gap = attune::distance(p, o.iso_target);
    EXPECT_LT(gap, previous_gap) << "step " << i;  // each track is closer to the goal than the last
    previous_gap = gap;
    EXPECT_EQ(list[i].explanation.rfind("step " + std::to_string(i + 1) + " of 8 toward calm, slightly positive: ", 0),
              0u)
        << list[i].explanation;
  }
  std::set<std::size_t> unique;
  for (const auto& x : list) unique.insert(x.track);
  EXPECT_EQ(unique.size(), list.size());
}

TEST(Recommend, NoArtistTwiceInAList) {
  Catalog c;
  for (int i = 0; i < 20; ++i) c.tracks.push_back(track("hit" + std::to_string(i), "The Same Band", 0.0f, 0.01f * i));
  for (int i = 0; i < 20; ++i)
    c.tracks.push_back(track("other" + std::to_string(i), "Band " + std::to_string(i), 0.5f, 0.02f * i));
  c.tracks.push_back(track("case", "  the SAME   band ", 0.0f, -0.01f));  // same artist, other spelling
  const Recommender r(std::move(c));
  for (Strategy s : {Strategy::MatchMood, Strategy::Iso, Strategy::CalmDown, Strategy::Energise}) {
    RecommendOptions o;
    o.strategy = s;
    o.count = 10;
    const auto recs = r.recommend({0.0f, 0.0f}, o);
    ASSERT_EQ(recs.size(), 10u) << attune::strategy_name(s);
    std::set<std::string> artists;
    for (const auto& x : recs) artists.insert(attune::normalised_name(r.catalog().tracks[x.track].artist));
    EXPECT_EQ(artists.size(), recs.size()) << attune::strategy_name(s);
  }
}

TEST(Recommend, ReturnsFewerWhenThereAreFewerArtists) {
  Catalog c;
  for (int i = 0; i < 6; ++i) c.tracks.push_back(track("t" + std::to_string(i), i < 3 ? "A" : "B", 0.1f * i, 0.0f));
  const Recommender r(std::move(c));
  EXPECT_EQ(r.recommend({0, 0}, RecommendOptions{}).size(), 2u);
}

TEST(Recommend, SkipsRecentlyPlayedTracksUntilTheyAgeOut) {
  const Recommender r(grid_catalog());
  const VA mood{0.0f, 0.0f};
  RecommendOptions o;
  o.count = 5;
  const auto first = ids(r, r.recommend(mood, o));
  History h(3);
  h.played(first[0]);
  h.played(first[1]);
  const auto second = ids(r, r.recommend(mood, o, Feedback(), h));
  EXPECT_EQ(std::count(second.begin(), second.end(), first[0]), 0);
  EXPECT_EQ(std::count(second.begin(), second.end(), first[1]), 0);
  EXPECT_EQ(second[0], first[2]);
  h.played("x");
  h.played("y");
  h.played("z");  // capacity 3: first[0] and first[1] have aged out
  EXPECT_FALSE(h.recently_played(first[0]));
  EXPECT_EQ(ids(r, r.recommend(mood, o, Feedback(), h)), first);
}

TEST(Recommend, EmptyCatalogOrInvalidMoodGivesNothing) {
  const Recommender empty;
  EXPECT_TRUE(empty.recommend({0, 0}, RecommendOptions{}).empty());
  const Recommender r(grid_catalog());
  EXPECT_TRUE(r.recommend({std::numeric_limits<float>::quiet_NaN(), 0}, RecommendOptions{}).empty());
  RecommendOptions none;
  none.count = 0;
  EXPECT_TRUE(r.recommend({0, 0}, none).empty());
}

TEST(Recommend, ExplainsEachTrackInOneLine) {
  const Recommender r(grid_catalog());
  const auto recs = r.recommend({0.3f, -0.3f}, RecommendOptions{});
  for (const auto& x : recs) {
    const Track& t = r.catalog().tracks[x.track];
    EXPECT_EQ(x.explanation, "close to your mood: " + attune::describe_va(t.va));
    EXPECT_EQ(x.explanation.find('\n'), std::string::npos);
  }
  EXPECT_EQ(recs.front().explanation, "close to your mood: calm, slightly positive");

  Catalog far;
  far.tracks.push_back(track("far", "A", -1.0f, -1.0f));
  const Recommender rf(std::move(far));
  EXPECT_EQ(rf.recommend({0.9f, 0.9f}, RecommendOptions{}).front().explanation.rfind("nearest to your mood: ", 0), 0u);
}

// ---- feedback -----------------------------------------------------------------------------------

TEST(Feedback, ThumbsDownExcludesATrack) {
  const Recommender r(grid_catalog());
  RecommendOptions o;
  o.count = 3;
  const VA mood{0.1f, 0.1f};
  const auto before = r.recommend(mood, o);
  Feedback f;
  f.record(r.catalog().tracks[before[0].track], Vote::Down);
  EXPECT_EQ(f.vote_for(r.catalog().tracks[before[0].track].id), Vote::Down);
  const auto after = r.recommend(mood, o, f);
  for (const auto& x : after) EXPECT_NE(x.track, before[0].track);
}

TEST(Feedback, ThumbsUpOnAnArtistLiftsItsOtherTracks) {
  Catalog c;
  c.tracks.push_back(track("rival", "Rival", 0.0f, 0.10f));
  c.tracks.push_back(track("fav-2", "Favourite", 0.0f, 0.15f));  // a little farther than the rival
  c.tracks.push_back(track("fav-1", "Favourite", 0.9f, -0.9f));  // the one the listener liked, far away
  const Recommender r(std::move(c));
  RecommendOptions o;
  o.count = 1;
  EXPECT_EQ(ids(r, r.recommend({0, 0}, o)).front(), "rival");
  Feedback f;
  f.record(r.catalog().tracks[2], Vote::Up);
  const auto recs = r.recommend({0, 0}, o, f);
  EXPECT_EQ(ids(r, recs).front(), "fav-2");
  EXPECT_GT(recs.front().bonus, 0.0f);
  EXPECT_EQ(recs.front().explanation, "close to your mood: moderate energy, neutral (you like this artist)");
}

TEST(Feedback, RepeatedLikesPullRankingTowardTheLikedRegionButStayBounded) {
  const Recommender r(grid_catalog());
  const VA mood{0.0f, 0.0f};
  RecommendOptions o;
  o.count = 10;
  const auto centre_of = [&](const std::vector<attune::Recommendation>& recs) {
    float sum = 0;
    for (const auto& x : recs) sum += r.catalog().tracks[x.track].va.valence + r.catalog().tracks[x.track].va.arousal;
    return sum / static_cast<float>(recs.size());
  };
  const float before = centre_of(r.recommend(mood, o));
  Feedback f;
  // The listener keeps liking tracks a little above and right of their mood.
  for (const Track& t : r.catalog().tracks)
    if (attune::distance(t.va, {0.2f, 0.2f}) < 0.08f) f.record(t, Vote::Up);
  ASSERT_GT(f.size(), 3u);
  const float after = centre_of(r.recommend(mood, o, f));
  EXPECT_LT(std::fabs(before), 0.02f);  // the plain list is about symmetric around the mood
  EXPECT_GT(after, before + 0.02f); // the personalised one leans toward the liked region
  o.count = 1;
  for (const Track& t : r.catalog().tracks) {
    EXPECT_LE(f.bonus(t), attune::kMaxFeedbackBonus);
    EXPECT_GE(f.bonus(t), -attune::kMaxFeedbackBonus);
  }
  // Bounded: a liked track far from the mood does not jump the queue.
  Feedback one;
  one.record(r.catalog().tracks.front(), Vote::Up);  // (-1, -1)
  EXPECT_NE(r.recommend(mood, o, one).front().track, 0u);
}

TEST(Feedback, ForgettingRestoresTheOriginalRanking) {
  const Recommender r(grid_catalog());
  const VA mood{-0.2f, 0.4f};
  const auto plain = ids(r, r.recommend(mood, RecommendOptions{}));
  Feedback f;
  for (std::size_t i = 0; i < r.catalog().tracks.size(); i += 37) f.record(r.catalog().tracks[i], i % 2 ? Vote::Up : Vote::Down);
  EXPECT_NE(ids(r, r.recommend(mood, RecommendOptions{}, f)), plain);
  f.clear();
  EXPECT_EQ(f.size(), 0u);
  EXPECT_EQ(ids(r, r.recommend(mood, RecommendOptions{}, f)), plain);
}

TEST(Feedback, VoteNoneRemovesAndCapacityDropsTheOldest) {
  const Catalog c = grid_catalog();
  Feedback f(3);
  for (int i = 0; i < 5; ++i) f.record(c.tracks[i], Vote::Up);
  EXPECT_EQ(f.size(), 3u);
  EXPECT_EQ(f.vote_for(c.tracks[0].id), Vote::None);
  EXPECT_EQ(f.vote_for(c.tracks[4].id), Vote::Up);
  f.record(c.tracks[4], Vote::None);
  EXPECT_EQ(f.vote_for(c.tracks[4].id), Vote::None);
  EXPECT_EQ(f.size(), 2u);
  // Removing every vote leaves no trace in the neighbourhood field either.
  EXPECT_GT(f.neighbour_at(c.tracks[3].va), 0.0f);
  f.record(c.tracks[2], Vote::None);
  f.record(c.tracks[3], Vote::None);
  EXPECT_NEAR(f.neighbour_at(c.tracks[3].va), 0.0f, 1e-5);
  EXPECT_FLOAT_EQ(f.bonus(c.tracks[3]), 0.0f);
}

TEST(Feedback, MaxPositiveBonusBoundsEveryTrack) {
  const Recommender r(random_catalog(3000, 100, 9));
  std::mt19937 rng(4);
  Feedback f;
  EXPECT_FLOAT_EQ(f.max_positive_bonus(), 0.0f);
  for (int round = 0; round < 5; ++round) {
    for (int i = 0; i < 20; ++i) f.record(r.catalog().tracks[rng() % 3000], rng() % 4 ? Vote::Up : Vote::Down);
    const float bound = f.max_positive_bonus();
    EXPECT_LE(bound, attune::kMaxFeedbackBonus);
    for (const Track& t : r.catalog().tracks)
      if (!f.excluded(t)) ASSERT_LE(f.bonus(t), bound + 1e-6f) << t.id;
  }
  Feedback only_down;
  for (int i = 0; i < 10; ++i) only_down.record(r.catalog().tracks[i], Vote::Down);
  for (const Track& t : r.catalog().tracks)
    if (!only_down.excluded(t)) ASSERT_LE(only_down.bonus(t), only_down.max_positive_bonus() + 1e-6f);
}

TEST(Feedback, SerialisesToJsonAndBack) {
  const Recommender r(random_catalog(2000, 150, 11));
  Feedback f;
  for (std::size_t i = 0; i < 60; ++i) f.record(r.catalog().tracks[i * 31], i % 3 ? Vote::Up : Vote::Down);
  const std::string saved = f.to_json();
  Feedback g;
  std::string error;
  ASSERT_TRUE(g.from_json(saved, &error)) << error;
  EXPECT_EQ(g.size(), f.size());
  EXPECT_EQ(g.to_json(), saved);
  for (const Track& t : r.catalog().tracks) ASSERT_FLOAT_EQ(g.bonus(t), f.bonus(t)) << t.id;
  for (Strategy s : {Strategy::MatchMood, Strategy::Iso, Strategy::CalmDown, Strategy::Energise}) {
    RecommendOptions o;
    o.strategy = s;
    EXPECT_EQ(ids(r, r.recommend({0.2f, -0.1f}, o, g)), ids(r, r.recommend({0.2f, -0.1f}, o, f)));
  }
}

TEST(Feedback, MalformedJsonIsRejectedAndLeavesFeedbackUnchanged) {
  const Catalog c = grid_catalog();
  Feedback f;
  f.record(c.tracks[10], Vote::Up);
  const std::string before = f.to_json();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "feedback: not valid JSON"},
      {"[1,2]", "feedback: expected an object"},
      {R"({"version":2,"votes":[]})", "feedback: expected \"version\": 1"},
      {R"({"version":1})", "feedback: expected a \"votes\" array"},
      {R"({"version":1,"votes":[{"id":"a","valence":0,"arousal":0,"vote":5}]})", "feedback: votes[0].vote: expected 1 or -1"},
      {R"({"version":1,"votes":[{"id":"a","valence":3,"arousal":0,"vote":1}]})",
       "feedback: votes[0].valence: expected a number in [-1, 1]"},
      {R"({"version":1,"votes":[{"valence":0,"arousal":0,"vote":1}]})", "feedback: votes[0].id: expected a non-empty string"},
      {"{\"version\":1,\"votes\":[{\"id\":\"\xff\"}]}", "feedback: not valid JSON"},
  };
  for (const auto& [text, message] : cases) {
    std::string error;
    EXPECT_FALSE(f.from_json(text, &error)) << text;
    EXPECT_EQ(error, message) << text;
    EXPECT_EQ(f.to_json(), before);
  }
}

// The widening search with feedback, diversity and recency must equal ranking every track.
TEST(Recommend, MatchesAnExhaustiveReferenceWithFeedbackAndHistory) {
  const Recommender r(random_catalog(5000, 300, 5));
  const auto& tracks = r.catalog().tracks;
  std::mt19937 rng(17);
  Feedback f;
  History h(40);
  for (int i = 0; i < 80; ++i) f.record(tracks[rng() % tracks.size()], rng() % 3 ? Vote::Up : Vote::Down);
  for (int i = 0; i < 40; ++i) h.played(tracks[rng() % tracks.size()].id);

  for (const VA& mood : random_points(30, 23)) {
    RecommendOptions o;
    o.count = 12;
    const auto fast = r.recommend(mood, o, f, h);

    std::vector<std::pair<float, std::uint32_t>> all;
    for (std::uint32_t i = 0; i < tracks.size(); ++i) {
      if (f.excluded(tracks[i]) || h.recently_played(tracks[i].id)) continue;
      all.push_back({attune::distance(tracks[i].va, mood) - f.bonus(tracks[i]), i});
    }
    std::sort(all.begin(), all.end());
    std::vector<std::size_t> expected;
    std::set<std::string> artists;
    for (const auto& [cost, i] : all) {
      if (expected.size() == o.count) break;
      if (!artists.insert(attune::normalised_name(tracks[i].artist)).second) continue;
      expected.push_back(i);
    }
    ASSERT_EQ(fast.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(fast[i].track, expected[i]) << "rank " << i;
  }
}

TEST(Recommend, OnTheBundledCatalogMoodsLeadToMatchingMusic) {
  std::ifstream file(std::string(ATTUNE_SOURCE_DIR) + "/catalog/tracks.json", std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  auto loaded = attune::load_catalog(text.str());
  ASSERT_TRUE(loaded.ok()) << loaded.error_text();
  const Recommender r(std::move(*loaded.catalog));
  RecommendOptions o;
  const auto happy = r.recommend(attune::emotion_va(attune::Emotion::Happy), o);
  const auto sad = r.recommend(attune::emotion_va(attune::Emotion::Sad), o);
  ASSERT_EQ(happy.size(), 10u);
  ASSERT_EQ(sad.size(), 10u);
  for (const auto& x : happy) EXPECT_GT(r.catalog().tracks[x.track].va.valence, 0.3f);
  for (const auto& x : sad) {
    EXPECT_LT(r.catalog().tracks[x.track].va.valence, 0.0f);
    EXPECT_LT(r.catalog().tracks[x.track].va.arousal, 0.0f);
  }
}

namespace {

// The exhaustive reference for one target: every eligible track scored with Feedback::bonus, cheapest
// first (ties by index), one per artist, none by an artist in `artists` (which receives the chosen).
std::vector<std::size_t> exhaustive_pick(const Catalog& c, VA target, std::size_t want, const Feedback& f, const History& h,
                                         const std::set<std::size_t>& blocked, std::set<std::string>& artists) {
  std::vector<std::pair<float, std::uint32_t>> all;
  for (std::uint32_t i = 0; i < c.tracks.size(); ++i) {
    if (f.excluded(c.tracks[i]) || h.recently_played(c.tracks[i].id) || blocked.count(i)) continue;
    all.push_back({attune::distance(c.tracks[i].va, target) - f.bonus(c.tracks[i]), i});
  }
  std::sort(all.begin(), all.end());
  std::vector<std::size_t> out;
  for (const auto& [cost, i] : all) {
    if (out.size() == want) break;
    if (!artists.insert(attune::normalised_name(c.tracks[i].artist)).second) continue;
    out.push_back(i);
  }
  return out;
}

}  // namespace

// Feedback of every size and shape (few or many votes, liked artists with many tracks, liked genres,
// neighbourhoods), every strategy: the branch-and-bound search returns exactly the exhaustive list.
TEST(Recommend, EveryStrategyMatchesTheExhaustiveReferenceOnRandomCatalogsAndVotes) {
  struct Case {
    std::size_t tracks;
    int artists;
    int votes;
  };
  for (const Case& k : {Case{3000, 40, 200}, Case{20000, 100, 200}, Case{8000, 4000, 30}, Case{500, 500, 400}}) {
    const Recommender r(random_catalog(k.tracks, k.artists, static_cast<std::uint32_t>(k.tracks + k.votes)));
    const auto& tracks = r.catalog().tracks;
    std::mt19937 rng(static_cast<std::uint32_t>(k.votes));
    Feedback f;
    History h(30);
    for (int i = 0; i < k.votes; ++i) f.record(tracks[rng() % tracks.size()], rng() % 5 < 3 ? Vote::Up : Vote::Down);
    for (int i = 0; i < 30; ++i) h.played(tracks[rng() % tracks.size()].id);
    for (const VA& mood : random_points(12, static_cast<std::uint32_t>(k.artists))) {
      for (Strategy s : {Strategy::MatchMood, Strategy::CalmDown, Strategy::Energise, Strategy::Iso}) {
        RecommendOptions o;
        o.strategy = s;
        const auto fast = r.recommend(mood, o, f, h);
        std::vector<std::size_t> expected;
        std::set<std::string> artists;
        std::set<std::size_t> chosen;
        const VA m = attune::clamp_va(mood);
        const VA goal = attune::strategy_target(s, m, o);
        if (s != Strategy::Iso) {
          expected = exhaustive_pick(r.catalog(), goal, o.count, f, h, chosen, artists);
        } else {
          for (std::size_t i = 0; i < o.count; ++i) {
            const float t = static_cast<float>(i) / static_cast<float>(o.count - 1);
            const VA waypoint{m.valence + (goal.valence - m.valence) * t, m.arousal + (goal.arousal - m.arousal) * t};
            const auto one = exhaustive_pick(r.catalog(), waypoint, 1, f, h, chosen, artists);
            if (one.empty()) break;
            chosen.insert(one[0]);
            expected.push_back(one[0]);
          }
        }
        ASSERT_EQ(fast.size(), expected.size()) << attune::strategy_name(s);
        for (std::size_t i = 0; i < expected.size(); ++i)
          ASSERT_EQ(fast[i].track, expected[i]) << attune::strategy_name(s) << " rank " << i << " tracks " << k.tracks;
      }
    }
  }
}
