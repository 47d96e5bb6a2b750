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
  std::vector<VA> points;
  points.reserve(catalog_.tracks.size());
  artist_of_.reserve(catalog_.tracks.size());
  genre_of_.reserve(catalog_.tracks.size());
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
  }
  std::size_t slots = 16;
  while (slots < 2 * catalog_.tracks.size()) slots *= 2;
  id_slots_.assign(slots, 0);
  for (std::size_t i = 0; i < catalog_.tracks.size(); ++i) {  // in order: among equal ids the first is found first
    std::size_t slot = std::hash<std::string_view>{}(catalog_.tracks[i].id) & (slots - 1);
    while (id_slots_[slot] != 0) slot = (slot + 1) & (slots - 1);
    id_slots_[slot] = static_cast<std::uint32_t>(i + 1);
  }
  tracks_of_artist_.assign(artist_ids_.size(), {});
  for (std::uint32_t i = 0; i < artist_of_.size(); ++i) tracks_of_artist_[artist_of_[i]].push_back({points[i], i});
  for (auto& list : tracks_of_artist_)  // by valence, so that a search reads only the stretch near its target
    std::sort(list.begin(), list.end(), [](const ArtistTrack& x, const ArtistTrack& y) { return x.va.valence < y.va.valence; });
  index_.build(points);
}

bool Recommender::find_track(std::string_view id, std::uint32_t* index) const {
  if (id_slots_.empty()) return false;
  const std::size_t mask = id_slots_.size() - 1;
  for (std::size_t slot = std::hash<std::string_view>{}(id) & mask; id_slots_[slot] != 0; slot = (slot + 1) & mask) {
    const std::uint32_t i = id_slots_[slot] - 1;
    if (catalog_.tracks[i].id == id) {
      *index = i;  // ids are unique in a loaded catalog; the first match wins otherwise
      return true;
    }
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
    for (const auto& [artist, net] : artist_)
      if (net > 0) promoted_artists_.push_back(artist);
    for (const auto& [track, vote] : own_)
      if (vote > 0 && !artist_promoted(r.artist_of_[track])) liked_elsewhere_.push_back(track);
    for (const auto& [genre, net] : genre_) best_genre_term_ = std::max(best_genre_term_, Feedback::combine(0, 0, net, true, 0.0f));
  }

  bool has_feedback() const { return feedback_.size() != 0; }
  bool blocked(std::uint32_t i) const { return blocked_.count(i) != 0; }
  // Whether a track can get more than the genre and neighbourhood terms: it was liked itself, or its
  // artist's votes add up to more than zero.
  bool artist_promoted(std::uint32_t artist) const {
    const auto a = artist_.find(artist);
    return a != artist_.end() && a->second > 0;
  }
  bool promoted(std::uint32_t track) const {
    if (artist_promoted(r_.artist_of_[track])) return true;
    const auto t = own_.find(track);
    return t != own_.end() && t->second > 0;
  }
  const std::vector<std::uint32_t>& promoted_artists() const { return promoted_artists_; }
  const std::vector<std::uint32_t>& liked_elsewhere() const { return liked_elsewhere_; }  // liked, artist not promoted
  // An upper bound of the bonus of any track in the box that is not promoted: its own and artist terms
  // are <= 0 (unvoted, artist net <= 0), its genre term at most the best genre's, plus the neighbourhood.
  float plain_bonus_bound(const KdTree2D::Box& box) const {
    return std::clamp(best_genre_term_ + feedback_.neighbour_max(box.v0, box.v1, box.a0, box.a1), -kMaxFeedbackBonus,
                      kMaxFeedbackBonus);
  }
  void block(std::uint32_t i) { blocked_.insert(i); }
  float max_bonus() const { return max_bonus_; }  // Feedback::max_positive_bonus(): no track gets more

  // `p`: the track's point (the caller has it; reading it from the Track would be a cache miss per track).
  float bonus(std::uint32_t i, VA p) const {
    if (feedback_.size() == 0) return 0.0f;
    const auto lookup = [](const std::unordered_map<std::uint32_t, int>& m, std::uint32_t key) {
      const auto it = m.find(key);
      return it == m.end() ? 0 : it->second;
    };
    const std::uint32_t genre = r_.genre_of_[i];
    return Feedback::combine(lookup(own_, i), lookup(artist_, r_.artist_of_[i]),
                             genre == kNoGenre ? 0 : lookup(genre_, genre), genre != kNoGenre,
                             feedback_.neighbour_at(p));
  }

 private:
  const Recommender& r_;
  const Feedback& feedback_;
  std::unordered_map<std::uint32_t, int> own_, artist_, genre_;
  std::unordered_set<std::uint32_t> blocked_;
  float max_bonus_ = 0.0f;
  std::vector<std::uint32_t> promoted_artists_, liked_elsewhere_;
  float best_genre_term_ = 0.0f;
};

std::vector<Recommender::Candidate> Recommender::select(std::vector<Candidate>& pool, std::size_t want,
                                                        std::vector<std::uint32_t>& artists) const {
  std::vector<Candidate> chosen;
  // `pool` becomes a min-heap on cost, consumed from the cheapest.
  const auto heap_order = [](const Candidate& x, const Candidate& y) {  // the cheapest (then lowest index) on top
    return y.cost < x.cost || (y.cost == x.cost && y.index < x.index);
  };
  std::make_heap(pool.begin(), pool.end(), heap_order);
  auto end = pool.end();
  while (chosen.size() < want && end != pool.begin()) {
    std::pop_heap(pool.begin(), end, heap_order);
    --end;
    const Candidate& c = *end;
    if (std::find(artists.begin(), artists.end(), artist_of_[c.index]) != artists.end()) continue;
    artists.push_back(artist_of_[c.index]);
    chosen.push_back(c);
  }
  return chosen;
}

std::vector<Recommender::Candidate> Recommender::pick(VA target, std::size_t want, const Scorer& scorer,
                                                      std::vector<std::uint32_t>& taken_artists) const {
  if (want == 0 || catalog_.tracks.empty()) return {};
  if (scorer.has_feedback()) return pick_with_feedback(target, want, scorer, taken_artists);
  // Without feedback the cost is the distance: the nearest tracks, widening until `want` artists are found.
  std::vector<Neighbor> near;
  std::vector<Candidate> pool;
  for (std::size_t k = want * 4 + 16;; k *= 4) {
    index_.nearest(target, k, near);
    pool.clear();
    for (const Neighbor& n : near) {
      if (scorer.blocked(n.index)) continue;
      const float d = std::sqrt(n.distance_sq);
      pool.push_back({n.index, d, d});
    }
    std::vector<std::uint32_t> artists = taken_artists;
    std::vector<Candidate> chosen = select(pool, want, artists);
    if (chosen.size() == want || near.size() < k) {  // enough artists, or every track seen
      taken_artists = std::move(artists);
      return chosen;
    }
  }
}

namespace {

// The cost at or below which a track can still make a list of `want` tracks with distinct artists: the
// want-th best among the best cost seen per artist (infinite until `want` artists were seen).
class ListCutoff {
 public:
  ListCutoff(std::size_t want, const std::vector<std::uint32_t>& taken) : want_(want), taken_(taken) {}

  void offer(float cost, std::uint32_t artist) {
    if (std::find(taken_.begin(), taken_.end(), artist) != taken_.end()) return;
    auto it = std::find_if(best_.begin(), best_.end(), [&](const auto& b) { return b.second == artist; });
    if (it != best_.end()) {
      if (cost >= it->first) return;
      it->first = cost;
    } else if (best_.size() < want_) {
      best_.push_back({cost, artist});
    } else if (cost < best_.back().first) {
      best_.back() = {cost, artist};
    } else {
      return;
    }
    std::sort(best_.begin(), best_.end());
  }
  float cutoff() const { return best_.size() < want_ ? std::numeric_limits<float>::infinity() : best_.back().first; }

 private:
  std::size_t want_;
  const std::vector<std::uint32_t>& taken_;
  std::vector<std::pair<float, std::uint32_t>> best_;  // by cost, at most want_, distinct artists
};

// Bounds are compared with this much room for float rounding between a box's distance and a point's.
constexpr float kBoundSlack = 1e-5f;

}  // namespace

// With feedback a track's cost is its distance minus a bonus of up to kMaxFeedbackBonus, so a far track
// may beat a near one, and looking at everything within the largest bonus scans much of a large catalog.
// Instead the tracks are split in two:
//  - promoted tracks (liked, or by an artist whose votes add up to more than zero): few, read from the
//    per-artist lists, each scored exactly unless its distance alone puts it out of reach;
//  - all others, whose bonus is at most the best genre term plus the neighbourhood term, which the
//    feedback grid bounds per box: a best-first search over the 2-d tree opens boxes in order of
//    (distance to the box - that bound) and stops once no box can hold a track that beats the current
//    want-th artist.
// Every track that could make the list is scored, so the result is the exhaustive one (tested against it).
std::vector<Recommender::Candidate> Recommender::pick_with_feedback(VA target, std::size_t want, const Scorer& scorer,
                                                                    std::vector<std::uint32_t>& taken_artists) const {
  std::vector<Candidate> pool;
  ListCutoff cutoff(want, taken_artists);
  const auto consider = [&](std::uint32_t i, VA p, float d) {
    const float cost = d - scorer.bonus(i, p);
    pool.push_back({i, d, cost});
    cutoff.offer(cost, artist_of_[i]);
  };
  index_.best_first(
      [&](const KdTree2D::Box& box) { return distance_to_box(target, box) - scorer.plain_bonus_bound(box) - kBoundSlack; },
      [&](std::uint32_t i, VA p) {
        if (scorer.blocked(i) || scorer.promoted(i)) return;
        consider(i, p, attune::distance(p, target));
      },
      [&] { return cutoff.cutoff(); });
  const auto consider_promoted = [&](std::uint32_t i, VA p) {
    const float d = attune::distance(p, target);
    if (d - scorer.max_bonus() - kBoundSlack > cutoff.cutoff()) return;  // even the largest bonus is not enough
    if (!scorer.blocked(i)) consider(i, p, d);
  };
  for (std::uint32_t artist : scorer.promoted_artists()) {
    if (std::find(taken_artists.begin(), taken_artists.end(), artist) != taken_artists.end()) continue;
    // Only the tracks whose valence alone keeps them within reach of the cutoff.
    const auto& list = tracks_of_artist_[artist];
    const float reach = cutoff.cutoff() + scorer.max_bonus() + kBoundSlack;
    auto it = std::lower_bound(list.begin(), list.end(), target.valence - reach,
                               [](const ArtistTrack& t, float v) { return t.va.valence < v; });
    for (; it != list.end() && it->va.valence <= target.valence + reach; ++it) consider_promoted(it->index, it->va);
  }
  for (std::uint32_t i : scorer.liked_elsewhere()) consider_promoted(i, catalog_.tracks[i].va);
  return select(pool, want, taken_artists);
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
