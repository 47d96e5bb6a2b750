#include "core/feedback.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <nlohmann/json.hpp>

namespace attune {

namespace {

using nlohmann::json;

// How much each kind of evidence moves a track, in VA-distance units. A liked track moves about as
// much as being 0.15 closer to the mood; an artist and a genre less; the whole is capped.
constexpr float kTrackUp = 0.15f;
constexpr float kPerArtistVote = 0.06f, kArtistCap = 0.12f;
constexpr float kPerGenreVote = 0.02f, kGenreCap = 0.06f;
// Neighbourhood: a kernel-weighted mean of nearby votes, shrunk toward 0 by a prior weight of one
// vote, so a dense liked region keeps a gradient instead of saturating.
constexpr float kNeighbourSigma = 0.2f, kNeighbourCap = 0.15f, kNeighbourPrior = 1.0f;
constexpr std::size_t kMaxJsonBytes = 1u << 20;

float clampf(float x, float cap) { return std::clamp(x, -cap, cap); }

}  // namespace

std::string normalised_name(std::string_view name) {
  std::string out;
  bool space = false;
  for (char c : name) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

namespace {
// The neighbourhood grid: kGridN x kGridN nodes over [-1, 1]^2, spacing kGridStep.
constexpr int kGridN = 65;
constexpr float kGridStep = 2.0f / (kGridN - 1);
constexpr float kTwoSigmaSq = 2.0f * kNeighbourSigma * kNeighbourSigma;
constexpr float kCutoffSq = 9.0f * kTwoSigmaSq;  // kernel < 1.3e-4 beyond: left out
}  // namespace

Feedback::Feedback(std::size_t capacity)
    : capacity_(capacity), grid_votes_(kGridN * kGridN, 0.0f), grid_weights_(kGridN * kGridN, 0.0f) {}

void Feedback::splat(const Entry& e, float sign) {
  const float radius = std::sqrt(kCutoffSq);
  const int i0 = std::max(0, static_cast<int>(std::floor((e.va.valence - radius + 1.0f) / kGridStep)));
  const int i1 = std::min(kGridN - 1, static_cast<int>(std::ceil((e.va.valence + radius + 1.0f) / kGridStep)));
  const int j0 = std::max(0, static_cast<int>(std::floor((e.va.arousal - radius + 1.0f) / kGridStep)));
  const int j1 = std::min(kGridN - 1, static_cast<int>(std::ceil((e.va.arousal + radius + 1.0f) / kGridStep)));
  for (int i = i0; i <= i1; ++i)
    for (int j = j0; j <= j1; ++j) {
      const float dv = -1.0f + static_cast<float>(i) * kGridStep - e.va.valence;
      const float da = -1.0f + static_cast<float>(j) * kGridStep - e.va.arousal;
      const float d2 = dv * dv + da * da;
      if (d2 > kCutoffSq) continue;
      const float k = std::exp(-d2 / kTwoSigmaSq);
      grid_votes_[i * kGridN + j] += sign * static_cast<float>(e.vote) * k;
      grid_weights_[i * kGridN + j] = std::max(0.0f, grid_weights_[i * kGridN + j] + sign * k);
    }
}

void Feedback::rebuild_grid() {
  std::fill(grid_votes_.begin(), grid_votes_.end(), 0.0f);
  std::fill(grid_weights_.begin(), grid_weights_.end(), 0.0f);
  for (const Entry& e : entries_) splat(e, 1.0f);
}

void Feedback::record(const Track& track, Vote vote) {
  const auto it = by_id_.find(track.id);
  if (it != by_id_.end()) {
    splat(entries_[it->second], -1.0f);
    entries_.erase(entries_.begin() + it->second);
  }
  if (vote != Vote::None) {
    entries_.push_back({track.id, normalised_name(track.artist), normalised_name(track.genre), track.artist,
                        track.genre, clamp_va(track.va), static_cast<int>(vote)});
    splat(entries_.back(), 1.0f);
    if (entries_.size() > capacity_) {
      splat(entries_.front(), -1.0f);
      entries_.erase(entries_.begin());
    }
  }
  reindex();
}

void Feedback::reindex() {
  by_id_.clear();
  artist_net_.clear();
  genre_net_.clear();
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const Entry& e = entries_[i];
    by_id_[e.id] = static_cast<int>(i);
    artist_net_[e.artist_key] += e.vote;
    if (!e.genre_key.empty()) genre_net_[e.genre_key] += e.vote;
  }
}

Vote Feedback::vote_for(std::string_view track_id) const {
  const auto it = by_id_.find(std::string(track_id));
  return it == by_id_.end() ? Vote::None : static_cast<Vote>(entries_[it->second].vote);
}

int Feedback::artist_net(const std::string& key) const {
  const auto it = artist_net_.find(key);
  return it == artist_net_.end() ? 0 : it->second;
}

int Feedback::genre_net(const std::string& key) const {
  const auto it = genre_net_.find(key);
  return it == genre_net_.end() ? 0 : it->second;
}

float Feedback::neighbour_at(VA p) const {
  if (entries_.empty()) return 0.0f;
  const float x = std::clamp((p.valence + 1.0f) / kGridStep, 0.0f, static_cast<float>(kGridN - 1));
  const float y = std::clamp((p.arousal + 1.0f) / kGridStep, 0.0f, static_cast<float>(kGridN - 1));
  const int i = std::min(static_cast<int>(x), kGridN - 2), j = std::min(static_cast<int>(y), kGridN - 2);
  const float fx = x - static_cast<float>(i), fy = y - static_cast<float>(j);
  const auto lerp = [&](const std::vector<float>& g) {
    const float a = g[i * kGridN + j] * (1 - fy) + g[i * kGridN + j + 1] * fy;
    const float b = g[(i + 1) * kGridN + j] * (1 - fy) + g[(i + 1) * kGridN + j + 1] * fy;
    return a * (1 - fx) + b * fx;
  };
  return clampf(kNeighbourCap * lerp(grid_votes_) / (lerp(grid_weights_) + kNeighbourPrior), kNeighbourCap);
}

float Feedback::neighbour_max(float v0, float v1, float a0, float a1) const {
  if (entries_.empty()) return 0.0f;
  const auto node = [](float x) { return std::clamp((x + 1.0f) / kGridStep, 0.0f, static_cast<float>(kGridN - 1)); };
  // neighbour_at(p) reads the nodes floor(x) and floor(x) + 1 (the last cell: kGridN - 2 and kGridN - 1).
  const int i0 = std::min(static_cast<int>(node(v0)), kGridN - 2), i1 = std::min(static_cast<int>(node(v1)) + 1, kGridN - 1);
  const int j0 = std::min(static_cast<int>(node(a0)), kGridN - 2), j1 = std::min(static_cast<int>(node(a1)) + 1, kGridN - 1);
  float best = -kNeighbourCap;
  for (int i = i0; i <= i1; ++i)
    for (int j = j0; j <= j1; ++j)
      best = std::max(best, kNeighbourCap * grid_votes_[i * kGridN + j] / (grid_weights_[i * kGridN + j] + kNeighbourPrior));
  return clampf(best, kNeighbourCap);
}

float Feedback::combine(int own_vote, int artist_votes, int genre_votes, bool has_genre, float neighbour) {
  float b = 0.0f;
  if (own_vote > 0) b += kTrackUp;
  if (own_vote < 0) b -= kMaxFeedbackBonus;
  // The track's own vote is counted by the track term, not again through its artist and genre.
  b += clampf(kPerArtistVote * static_cast<float>(artist_votes - own_vote), kArtistCap);
  if (has_genre) b += clampf(kPerGenreVote * static_cast<float>(genre_votes - own_vote), kGenreCap);
  b += neighbour;
  return clampf(b, kMaxFeedbackBonus);
}

float Feedback::max_positive_bonus() const {
  if (entries_.empty()) return 0.0f;
  float m = 0.0f;
  int best_artist = 0, best_genre = 0;
  bool any_up = false;
  for (const auto& [key, net] : artist_net_) best_artist = std::max(best_artist, net);
  for (const auto& [key, net] : genre_net_) best_genre = std::max(best_genre, net);
  for (const Entry& e : entries_) any_up = any_up || e.vote > 0;
  if (any_up) m += kTrackUp;
  // A down-voted track's own vote only raises its artist/genre remainder by one: +1 covers it.
  m += std::min(kArtistCap, kPerArtistVote * static_cast<float>(best_artist + 1));
  m += std::min(kGenreCap, kPerGenreVote * static_cast<float>(best_genre + 1));
  // The interpolated ratio never exceeds the largest ratio at the grid nodes.
  float neighbour = 0.0f;
  for (std::size_t n = 0; n < grid_votes_.size(); ++n)
    neighbour = std::max(neighbour, kNeighbourCap * grid_votes_[n] / (grid_weights_[n] + kNeighbourPrior));
  m += std::min(neighbour, kNeighbourCap);
  return std::min(m, kMaxFeedbackBonus);
}

float Feedback::bonus(const Track& track) const {
  if (entries_.empty()) return 0.0f;
  return combine(static_cast<int>(vote_for(track.id)), artist_net(normalised_name(track.artist)),
                 genre_net(normalised_name(track.genre)), !track.genre.empty(), neighbour_at(track.va));
}

std::string Feedback::reason(const Track& track) const {
  if (entries_.empty()) return "";
  const int own = static_cast<int>(vote_for(track.id));
  if (own > 0) return "you liked it";
  if (own < 0) return "you disliked it";
  const int artist = artist_net(normalised_name(track.artist));
  const int genre = track.genre.empty() ? 0 : genre_net(normalised_name(track.genre));
  const float neighbours = neighbour_at(track.va);
  if (artist > 0) return "you like this artist";
  if (neighbours > 0.02f) return "like tracks you liked";
  if (genre > 0) return "a genre you like";
  if (artist < 0) return "you disliked this artist";
  return "";
}

void Feedback::clear() {
  entries_.clear();
  reindex();
  rebuild_grid();
}

std::string Feedback::to_json() const {
  json votes = json::array();
  for (const Entry& e : entries_)
    votes.push_back({{"id", e.id}, {"artist", e.artist}, {"genre", e.genre}, {"valence", e.va.valence},
                     {"arousal", e.va.arousal}, {"vote", e.vote}});
  const json doc = {{"version", 1}, {"votes", std::move(votes)}};
  return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool Feedback::from_json(std::string_view text, std::string* error) {
  const auto fail = [&](const std::string& why) {
    if (error) *error = "feedback: " + why;
    return false;
  };
  if (text.size() > kMaxJsonBytes) return fail("more than 1 MiB");
  const json doc = json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded()) return fail("not valid JSON");
  if (!doc.is_object()) return fail("expected an object");
  const auto version = doc.find("version");
  if (version == doc.end() || !version->is_number_integer() || version->get<long long>() != 1)
    return fail("expected \"version\": 1");
  const auto votes = doc.find("votes");
  if (votes == doc.end() || !votes->is_array()) return fail("expected a \"votes\" array");

  Feedback loaded(capacity_);
  for (std::size_t i = 0; i < votes->size(); ++i) {
    const json& v = (*votes)[i];
    const std::string where = "votes[" + std::to_string(i) + "]";
    if (!v.is_object()) return fail(where + ": expected an object");
    const auto str = [&](const char* key, bool required, std::string* out) {
      const auto it = v.find(key);
      if (it == v.end()) return !required;
      if (!it->is_string()) return false;
      *out = it->get<std::string>();
      return !(required && out->empty());
    };
    const auto num = [&](const char* key, float* out) {
      const auto it = v.find(key);
      if (it == v.end() || !it->is_number()) return false;
      const double x = it->get<double>();
      if (!std::isfinite(x) || x < -1.0 || x > 1.0) return false;
      *out = static_cast<float>(x);
      return true;
    };
    Track t;
    if (!str("id", true, &t.id)) return fail(where + ".id: expected a non-empty string");
    if (!str("artist", false, &t.artist)) return fail(where + ".artist: expected a string");
    if (!str("genre", false, &t.genre)) return fail(where + ".genre: expected a string");
    if (!num("valence", &t.va.valence)) return fail(where + ".valence: expected a number in [-1, 1]");
    if (!num("arousal", &t.va.arousal)) return fail(where + ".arousal: expected a number in [-1, 1]");
    const auto vote = v.find("vote");
    if (vote == v.end() || !vote->is_number_integer() || std::llabs(vote->get<long long>()) != 1)
      return fail(where + ".vote: expected 1 or -1");
    loaded.entries_.push_back({t.id, normalised_name(t.artist), normalised_name(t.genre), t.artist, t.genre, t.va,
                               vote->get<long long>() > 0 ? 1 : -1});
  }
  // A repeated id keeps its last vote; beyond the capacity the oldest go.
  std::unordered_map<std::string, std::size_t> last;
  for (std::size_t i = 0; i < loaded.entries_.size(); ++i) last[loaded.entries_[i].id] = i;
  std::vector<Entry> kept;
  for (std::size_t i = 0; i < loaded.entries_.size(); ++i)
    if (last[loaded.entries_[i].id] == i) kept.push_back(std::move(loaded.entries_[i]));
  if (kept.size() > capacity_) kept.erase(kept.begin(), kept.end() - static_cast<long>(capacity_));
  loaded.entries_ = std::move(kept);
  for (Entry& e : loaded.entries_) e.va = clamp_va(e.va);
  loaded.reindex();
  loaded.rebuild_grid();
  *this = std::move(loaded);
  return true;
}

void History::played(std::string_view track_id) {
  const auto it = std::find(ids_.begin(), ids_.end(), track_id);
  if (it != ids_.end()) ids_.erase(it);
  ids_.emplace_back(track_id);
  while (ids_.size() > capacity_) ids_.pop_front();
}

bool History::recently_played(std::string_view track_id) const {
  return std::find(ids_.begin(), ids_.end(), track_id) != ids_.end();
}

}  // namespace attune
