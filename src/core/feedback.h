// What the listener told us: thumbs up/down per track, and what was played recently.
//
// Feedback turns into a bonus on a track's ranking cost (in VA-distance units, bounded by
// kMaxFeedbackBonus so the mood still decides): a liked track, its artist, its genre and its
// neighbourhood on the VA plane move up; disliked ones move down, and a thumbs-down track is never
// suggested again until the feedback is forgotten. It serialises to a small JSON string that the
// browser keeps in localStorage; nothing leaves the device.
//
// The neighbourhood term is a kernel-weighted mean of the votes around a point, kept on a 65 x 65
// grid over the VA square (updated per vote, read with bilinear interpolation), so scoring a track
// costs the same whether the listener gave 3 votes or 1,000.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/catalog.h"

namespace attune {

inline constexpr float kMaxFeedbackBonus = 0.3f;

enum class Vote : int { Down = -1, None = 0, Up = 1 };

// Lower-cased, trimmed, inner whitespace collapsed: "  The  Band " and "the band" are one artist.
std::string normalised_name(std::string_view name);

class Feedback {
 public:
  struct Entry {
    std::string id, artist_key, genre_key, artist, genre;
    VA va;
    int vote;  // -1 or +1
  };

  explicit Feedback(std::size_t capacity = 1000);

  // Records (or replaces) the vote on a track; Vote::None removes it. The oldest votes are dropped
  // beyond the capacity.
  void record(const Track& track, Vote vote);
  Vote vote_for(std::string_view track_id) const;
  bool excluded(const Track& track) const { return vote_for(track.id) == Vote::Down; }

  // Bonus to subtract from a track's distance: > 0 moves it up, < 0 down; |bonus| <= kMaxFeedbackBonus.
  float bonus(const Track& track) const;
  // Why the bonus is what it is, for explanations: "you liked it", "you like this artist", ... or "".
  std::string reason(const Track& track) const;

  std::size_t size() const { return entries_.size(); }
  void clear();  // "forget my feedback"

  // {"version":1,"votes":[{"id":..,"artist":..,"genre":..,"valence":..,"arousal":..,"vote":1},...]}
  std::string to_json() const;
  // Replaces the current feedback. On malformed input returns false, leaves the feedback unchanged
  // and, when error is given, says why.
  bool from_json(std::string_view text, std::string* error = nullptr);

  // ---- the pieces of bonus(), for scoring many tracks quickly (Recommender) ----
  const std::vector<Entry>& entries() const { return entries_; }  // oldest first
  int artist_net(const std::string& artist_key) const;  // sum of votes on tracks by this artist
  int genre_net(const std::string& genre_key) const;
  float neighbour_at(VA p) const;        // the neighbourhood term at p, in [-cap, cap]
  // An upper bound of neighbour_at over the box valence [v0, v1] x arousal [a0, a1] (the largest term at
  // the grid nodes whose cells the box touches: an interpolated ratio never exceeds its nodes' largest).
  float neighbour_max(float v0, float v1, float a0, float a1) const;
  float max_positive_bonus() const;      // an upper bound of bonus() over all tracks, >= 0
  // bonus() from its pieces: own vote, artist and genre nets (including the own vote), neighbourhood.
  static float combine(int own_vote, int artist_net, int genre_net, bool has_genre, float neighbour);

 private:
  void reindex();
  void splat(const Entry& e, float sign);  // adds (+1) or removes (-1) an entry's kernel on the grid
  void rebuild_grid();

  std::size_t capacity_;
  std::vector<Entry> entries_;
  std::unordered_map<std::string, int> by_id_;       // id -> position in entries_
  std::unordered_map<std::string, int> artist_net_;  // normalised artist -> sum of votes
  std::unordered_map<std::string, int> genre_net_;
  std::vector<float> grid_votes_, grid_weights_;     // kernel sums of votes and of weights
};

// The last few tracks played, so a list does not repeat them.
class History {
 public:
  explicit History(std::size_t capacity = 30) : capacity_(capacity) {}
  void played(std::string_view track_id);
  bool recently_played(std::string_view track_id) const;
  const std::deque<std::string>& ids() const { return ids_; }  // oldest first
  std::size_t size() const { return ids_.size(); }
  void clear() { ids_.clear(); }

 private:
  std::size_t capacity_;
  std::deque<std::string> ids_;
};

}  // namespace attune
