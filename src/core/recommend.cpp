#include "core/recommend.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace attune {

namespace {

// Nudge toward positive valence for CalmDown / Energise: calming someone down should not mean
// offering sad music, and energising should not mean angry music.
constexpr float kValenceLift = 0.2f;
// A track within this distance of its target is "close to" it in the explanation.
constexpr float kCloseDistance = 0.3f;

std::string explain(Strategy s, std::size_t step, std::size_t steps, VA target, const Track& t, float distance,
                    const std::string& reason) {
  std::string head;
  switch (s) {
    case Strategy::MatchMood: head = distance <= kCloseDistance ? "close to your mood" : "nearest to your mood"; break;
    case Strategy::CalmDown: head = "calmer than your mood"; break;
    case Strategy::Energise: head = "more energetic than your mood"; break;
    case Strategy::Iso:
      head = "step " + std::to_string(step + 1) + " of " + std::to_string(steps) + " toward " + describe_va(target);
      break;
  }
  std::string line = head + ": " + describe_va(t.va);
  if (!reason.empty()) line += " (" + reason + ")";
  return line;
}

}  // namespace

std::string_view strategy_name(Strategy s) {
  switch (s) {
    case Strategy::MatchMood: return "match";
    case Strategy::Iso: return "iso";
    case Strategy::CalmDown: return "calm";
    case Strategy::Energise: return "energise";
  }
  return "match";
}

VA strategy_target(Strategy s, VA mood, const RecommendOptions& options) {
  mood = clamp_va(mood);
  switch (s) {
    case Strategy::MatchMood: return mood;
    case Strategy::CalmDown: return clamp_va({mood.valence + kValenceLift, mood.arousal - options.shift});
    case Strategy::Energise: return clamp_va({mood.valence + kValenceLift, mood.arousal + options.shift});
    case Strategy::Iso: return clamp_va(options.iso_target);
  }
  return mood;
}

void Recommender::set_catalog(Catalog catalog) {
  catalog_ = std::move(catalog);
  std::vector<VA> points;
  points.reserve(catalog_.tracks.size());
  artist_keys_.clear();
  artist_keys_.reserve(catalog_.tracks.size());
  for (const Track& t : catalog_.tracks) {
    points.push_back(t.va);
    artist_keys_.push_back(normalised_name(t.artist));
  }
  index_.build(points);
}

std::vector<Recommender::Candidate> Recommender::pick(VA target, std::size_t want, const Feedback& feedback,
                                                      const History& history, std::vector<std::string>& taken_artists,
                                                      const std::vector<std::uint32_t>& taken_tracks) const {
  std::vector<Candidate> chosen;
  if (want == 0 || catalog_.tracks.empty()) return chosen;
  const float max_bonus = feedback.size() > 0 ? kMaxFeedbackBonus : 0.0f;
  std::vector<Neighbor> near;
  std::vector<Candidate> pool;
  // Ask the index for a few more than needed; widen until the answer cannot change: every track not
  // yet seen is at least as far as the last one seen, so its cost is >= that distance - max_bonus.
  for (std::size_t k = want * 4 + 16;; k *= 4) {
    index_.nearest(target, k, near);
    pool.clear();
    for (const Neighbor& n : near) {
      const Track& t = catalog_.tracks[n.index];
      if (feedback.excluded(t) || history.recently_played(t.id)) continue;
      if (std::find(taken_tracks.begin(), taken_tracks.end(), n.index) != taken_tracks.end()) continue;
      const float d = std::sqrt(n.distance_sq);
      pool.push_back({n.index, d, d - (max_bonus > 0 ? feedback.bonus(t) : 0.0f)});
    }
    std::sort(pool.begin(), pool.end(), [](const Candidate& x, const Candidate& y) {
      return x.cost < y.cost || (x.cost == y.cost && x.index < y.index);
    });
    chosen.clear();
    std::vector<std::string> artists = taken_artists;
    for (const Candidate& c : pool) {
      if (chosen.size() == want) break;
      const std::string& artist = artist_keys_[c.index];
      if (std::find(artists.begin(), artists.end(), artist) != artists.end()) continue;
      artists.push_back(artist);
      chosen.push_back(c);
    }
    const bool saw_everything = near.size() < k;
    const float unseen_floor = saw_everything ? std::numeric_limits<float>::infinity()
                                              : std::sqrt(near.back().distance_sq) - max_bonus;
    if (saw_everything || (chosen.size() == want && chosen.back().cost <= unseen_floor)) {
      taken_artists = std::move(artists);
      return chosen;
    }
  }
}

std::vector<Recommendation> Recommender::recommend(VA mood, const RecommendOptions& options, const Feedback& feedback,
                                                   const History& history) const {
  std::vector<Recommendation> out;
  if (options.count == 0 || catalog_.tracks.empty()) return out;
  if (!std::isfinite(mood.valence) || !std::isfinite(mood.arousal)) return out;
  mood = clamp_va(mood);
  const VA goal = strategy_target(options.strategy, mood, options);
  std::vector<std::string> artists;
  std::vector<std::uint32_t> taken;

  const auto emit = [&](const Candidate& c, VA target, std::size_t step) {
    const Track& t = catalog_.tracks[c.index];
    Recommendation r;
    r.track = c.index;
    r.target = target;
    r.distance = c.distance;
    r.bonus = c.distance - c.cost;
    r.explanation = explain(options.strategy, step, options.count,
                            options.strategy == Strategy::Iso ? goal : target, t, c.distance, feedback.reason(t));
    out.push_back(std::move(r));
  };

  if (options.strategy != Strategy::Iso) {
    for (const Candidate& c : pick(goal, options.count, feedback, history, artists, taken)) emit(c, goal, 0);
    return out;
  }
  // Iso: evenly spaced waypoints from the mood to the goal, one track each, in order.
  const std::size_t n = options.count;
  for (std::size_t i = 0; i < n; ++i) {
    const float f = n == 1 ? 0.0f : static_cast<float>(i) / static_cast<float>(n - 1);
    const VA waypoint{mood.valence + (goal.valence - mood.valence) * f, mood.arousal + (goal.arousal - mood.arousal) * f};
    const auto one = pick(waypoint, 1, feedback, history, artists, taken);
    if (one.empty()) break;  // no eligible track left
    taken.push_back(one.front().index);
    emit(one.front(), waypoint, i);
  }
  return out;
}

}  // namespace attune
