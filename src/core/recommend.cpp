#include "core/recommend.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>

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

constexpr std::uint32_t kNoGenre = 0xffffffffu;

void Recommender::set_catalog(Catalog catalog) {
  catalog_ = std::move(catalog);
  artist_of_.clear();
  genre_of_.clear();
  artist_ids_.clear();
  genre_ids_.clear();
  id_hashes_.clear();
  std::vector<VA> points;
  points.reserve(catalog_.tracks.size());
  artist_of_.reserve(catalog_.tracks.size());
  genre_of_.reserve(catalog_.tracks.size());
  id_hashes_.reserve(catalog_.tracks.size());
  // Most tracks share their artist and genre spelling with others: normalise each spelling once.
  std::unordered_map<std::string_view, std::uint32_t> artist_spelling, genre_spelling;
  const auto id_for = [](std::unordered_map<std::string_view, std::uint32_t>& spelling,
                         std::unordered_map<std::string, std::uint32_t>& ids, const std::string& name) {
    const auto [it, inserted] = spelling.emplace(name, 0);
    if (inserted) it->second = ids.emplace(normalised_name(name), static_cast<std::uint32_t>(ids.size())).first->second;
    return it->second;
  };
  for (std::size_t i = 0; i < catalog_.tracks.size(); ++i) {
    const Track& t = catalog_.tracks[i];
    points.push_back(t.va);
    artist_of_.push_back(id_for(artist_spelling, artist_ids_, t.artist));
    genre_of_.push_back(t.genre.empty() ? kNoGenre : id_for(genre_spelling, genre_ids_, t.genre));
    id_hashes_.push_back({std::hash<std::string_view>{}(t.id), static_cast<std::uint32_t>(i)});
  }
  std::sort(id_hashes_.begin(), id_hashes_.end());
  index_.build(points);
}

bool Recommender::find_track(std::string_view id, std::uint32_t* index) const {
  const std::size_t h = std::hash<std::string_view>{}(id);
  auto it = std::lower_bound(id_hashes_.begin(), id_hashes_.end(), std::make_pair(h, std::uint32_t{0}));
  for (; it != id_hashes_.end() && it->first == h; ++it)
    if (catalog_.tracks[it->second].id == id) {
      *index = it->second;  // ids are unique in a loaded catalog; the first match wins otherwise
      return true;
    }
  return false;
}

// Feedback::bonus() evaluated through integer ids instead of strings: the same pieces, combined by
// the same Feedback::combine, so the results are identical (tests compare them).
class Recommender::Scorer {
 public:
  Scorer(const Recommender& r, const Feedback& feedback, const History& history) : r_(r), feedback_(feedback) {
    for (const Feedback::Entry& e : feedback.entries()) {
      if (std::uint32_t t = 0; r.find_track(e.id, &t)) {
        own_[t] = e.vote;
        if (e.vote < 0) blocked_.insert(t);
      }
      if (const auto a = r.artist_ids_.find(e.artist_key); a != r.artist_ids_.end()) artist_[a->second] += e.vote;
      if (e.genre_key.empty()) continue;
      if (const auto g = r.genre_ids_.find(e.genre_key); g != r.genre_ids_.end()) genre_[g->second] += e.vote;
    }
    for (const std::string& id : history.ids())
      if (std::uint32_t t = 0; r.find_track(id, &t)) blocked_.insert(t);
    max_bonus_ = feedback.max_positive_bonus();
  }

  bool blocked(std::uint32_t i) const { return blocked_.count(i) != 0; }
  void block(std::uint32_t i) { blocked_.insert(i); }
  float max_bonus() const { return max_bonus_; }

  float bonus(std::uint32_t i) const {
    if (feedback_.size() == 0) return 0.0f;
    const auto lookup = [](const std::unordered_map<std::uint32_t, int>& m, std::uint32_t key) {
      const auto it = m.find(key);
      return it == m.end() ? 0 : it->second;
    };
    const std::uint32_t genre = r_.genre_of_[i];
    return Feedback::combine(lookup(own_, i), lookup(artist_, r_.artist_of_[i]),
                             genre == kNoGenre ? 0 : lookup(genre_, genre), genre != kNoGenre,
                             feedback_.neighbour_at(r_.catalog_.tracks[i].va));
  }

 private:
  const Recommender& r_;
  const Feedback& feedback_;
  std::unordered_map<std::uint32_t, int> own_, artist_, genre_;
  std::unordered_set<std::uint32_t> blocked_;
  float max_bonus_ = 0.0f;
};

std::vector<Recommender::Candidate> Recommender::pick(VA target, std::size_t want, const Scorer& scorer,
                                                      std::vector<std::uint32_t>& taken_artists) const {
  std::vector<Candidate> chosen;
  if (want == 0 || catalog_.tracks.empty()) return chosen;
  const float max_bonus = scorer.max_bonus();
  std::vector<Neighbor> near;
  std::vector<Candidate> pool;
  const auto by_cost = [](const Candidate& x, const Candidate& y) {
    return x.cost < y.cost || (x.cost == y.cost && x.index < y.index);
  };
  const auto evaluate = [&] {
    pool.clear();
    for (const Neighbor& n : near) {
      if (scorer.blocked(n.index)) continue;
      const float d = std::sqrt(n.distance_sq);
      pool.push_back({n.index, d, d - scorer.bonus(n.index)});
    }
  };
  // Greedy in cost order, one track per artist. `pool` is a min-heap on cost afterwards consumed.
  const auto select = [&](std::vector<std::uint32_t>& artists) {
    chosen.clear();
    std::make_heap(pool.begin(), pool.end(), [&](const Candidate& x, const Candidate& y) { return by_cost(y, x); });
    auto end = pool.end();
    while (chosen.size() < want && end != pool.begin()) {
      std::pop_heap(pool.begin(), end, [&](const Candidate& x, const Candidate& y) { return by_cost(y, x); });
      --end;
      const Candidate& c = *end;
      if (std::find(artists.begin(), artists.end(), artist_of_[c.index]) != artists.end()) continue;
      artists.push_back(artist_of_[c.index]);
      chosen.push_back(c);
    }
  };

  for (std::size_t k = want * 4 + 16;; k *= 4) {
    index_.nearest(target, k, near);
    evaluate();
    std::vector<std::uint32_t> artists = taken_artists;
    select(artists);
    const bool saw_everything = near.size() < k;
    if (saw_everything) {
      taken_artists = std::move(artists);
      return chosen;
    }
    if (chosen.size() == want) {
      // Every unseen track is at least as far as the last one seen, so its cost is at least that
      // distance minus the largest possible bonus.
      const float last_seen = std::sqrt(near.back().distance_sq);
      if (chosen.back().cost <= last_seen - max_bonus) {
        taken_artists = std::move(artists);
        return chosen;
      }
      // Only tracks within (cost of the want-th choice + largest bonus) can still make the list:
      // fetch exactly those (the slack covers rounding) and choose again.
      const float radius = (chosen.back().cost + max_bonus) * (1.0f + 1e-6f) + 1e-6f;
      index_.within(target, radius, near);
      evaluate();
      artists = taken_artists;
      select(artists);
      taken_artists = std::move(artists);
      return chosen;
    }
    // Not enough distinct eligible artists nearby yet: look further.
  }
}

std::vector<Recommendation> Recommender::recommend(VA mood, const RecommendOptions& options, const Feedback& feedback,
                                                   const History& history) const {
  std::vector<Recommendation> out;
  if (options.count == 0 || catalog_.tracks.empty()) return out;
  if (!std::isfinite(mood.valence) || !std::isfinite(mood.arousal)) return out;
  mood = clamp_va(mood);
  const VA goal = strategy_target(options.strategy, mood, options);
  Scorer scorer(*this, feedback, history);
  std::vector<std::uint32_t> artists;

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
    for (const Candidate& c : pick(goal, options.count, scorer, artists)) emit(c, goal, 0);
    return out;
  }
  // Iso: evenly spaced waypoints from the mood to the goal, one track each, in order.
  const std::size_t n = options.count;
  for (std::size_t i = 0; i < n; ++i) {
    const float f = n == 1 ? 0.0f : static_cast<float>(i) / static_cast<float>(n - 1);
    const VA waypoint{mood.valence + (goal.valence - mood.valence) * f, mood.arousal + (goal.arousal - mood.arousal) * f};
    const auto one = pick(waypoint, 1, scorer, artists);
    if (one.empty()) break;  // no eligible track left
    scorer.block(one.front().index);
    emit(one.front(), waypoint, i);
  }
  return out;
}

}  // namespace attune
