// What the listener told us: thumbs up/down per track, and what was played recently.
//
// Feedback turns into a bonus on a track's ranking cost (in VA-distance units, bounded by
// kMaxFeedbackBonus so the mood still decides): a liked track, its artist, its genre and its
// neighbourhood on the VA plane move up; disliked ones move down, and a thumbs-down track is never
// suggested again until the feedback is forgotten. It serialises to a small JSON string that the
// browser keeps in localStorage; nothing leaves the device.
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

class Feedback {
 public:
  explicit Feedback(std::size_t capacity = 1000) : capacity_(capacity) {}

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

 private:
  struct Entry {
    std::string id, artist_key, genre_key, artist, genre;
    VA va;
    int vote;  // -1 or +1
  };
  void add(Entry e);
  void reindex();
  int artist_votes(const std::string& key) const;
  int genre_votes(const std::string& key) const;
  float artist_part(const Track& t) const;
  float genre_part(const Track& t) const;
  float neighbour_part(const Track& t) const;

  std::size_t capacity_;
  std::vector<Entry> entries_;                       // oldest first
  std::unordered_map<std::string, int> by_id_;       // id -> position in entries_
  std::unordered_map<std::string, int> artist_net_;  // normalised artist -> sum of votes
  std::unordered_map<std::string, int> genre_net_;
};

// Lower-cased, trimmed, inner whitespace collapsed: "  The  Band " and "the band" are one artist.
std::string normalised_name(std::string_view name);

// The last few tracks played, so a list does not repeat them.
class History {
 public:
  explicit History(std::size_t capacity = 30) : capacity_(capacity) {}
  void played(std::string_view track_id);
  bool recently_played(std::string_view track_id) const;
  std::size_t size() const { return ids_.size(); }
  void clear() { ids_.clear(); }

 private:
  std::size_t capacity_;
  std::deque<std::string> ids_;  // oldest first
};

}  // namespace attune
