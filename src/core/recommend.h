// Ranking tracks for a mood on the centred valence-arousal plane.
//
// The ranking cost of a track is its Euclidean distance to a target point minus the listener's
// feedback bonus (bounded, see feedback.h). Never cosine: on centred coordinates the angle ignores
// how strong a mood is, and on the raw 1..9 scores it rated nearly every track above 0.99.
//
// Strategies pick the target:
//   MatchMood  the listener's own point
//   CalmDown   the listener's point moved toward lower arousal (and a little toward positive)
//   Energise   the listener's point moved toward higher arousal (and a little toward positive)
//   Iso        a playlist of `count` steps from the listener's point to a calmer, more positive
//              target (the iso principle of music therapy: meet the mood first, then lead it)
// Every list holds each artist at most once, skips recently played and thumbs-down tracks, and
// carries a one-line explanation per track. With feedback the search is a branch and bound over the 2-d
// tree (recommend.cpp), exact and about as fast with 200 votes as without: 0.6 ms for a top-10 at 1M
// tracks in wasm (bench/recommend_bench.mjs).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/catalog.h"
#include "core/feedback.h"
#include "core/spatial_index.h"

namespace attune {

enum class Strategy : int { MatchMood = 0, Iso, CalmDown, Energise };

std::string_view strategy_name(Strategy s);  // "match", "iso", "calm", "energise"

struct RecommendOptions {
  Strategy strategy = Strategy::MatchMood;
  std::size_t count = 10;
  VA iso_target{0.5f, -0.5f};  // where an iso playlist ends: calm and positive
  float shift = 0.6f;          // how far CalmDown / Energise move the target in arousal
};

struct Recommendation {
  std::size_t track = 0;  // index into catalog().tracks
  VA target;              // the point this track was chosen for
  float distance = 0.0f;  // from the track to its target
  float bonus = 0.0f;     // feedback bonus that was applied
  std::string explanation;  // "close to your mood: calm, slightly positive"
};

// The point a strategy aims at for a given mood (for Iso: the final step).
VA strategy_target(Strategy s, VA mood, const RecommendOptions& options);

class Recommender {
 public:
  Recommender() = default;
  explicit Recommender(Catalog catalog) { set_catalog(std::move(catalog)); }

  // Takes the catalog and builds the spatial index (O(n log n)).
  void set_catalog(Catalog catalog);
  const Catalog& catalog() const { return catalog_; }

  // Up to options.count tracks, best first (for Iso: in playlist order). Fewer when the catalog
  // has fewer eligible artists. Pure: no state changes, no clocks.
  std::vector<Recommendation> recommend(VA mood, const RecommendOptions& options, const Feedback& feedback = Feedback(),
                                        const History& history = History{}) const;

 private:
  struct Candidate {
    std::uint32_t index;
    float distance;
    float cost;
  };
  class Scorer;  // feedback and history mapped onto track indices for one call
  // The `want` cheapest eligible tracks around `target`, one per artist, none by an artist in
  // `taken_artists` (which receives the chosen ones) and none blocked by the scorer.
  std::vector<Candidate> pick(VA target, std::size_t want, const Scorer& scorer,
                              std::vector<std::uint32_t>& taken_artists) const;
  // The same with feedback: branch and bound (see recommend.cpp).
  std::vector<Candidate> pick_with_feedback(VA target, std::size_t want, const Scorer& scorer,
                                            std::vector<std::uint32_t>& taken_artists) const;
  // Greedy in cost order, one track per artist, none by an artist in `artists` (which receives the chosen).
  std::vector<Candidate> select(std::vector<Candidate>& pool, std::size_t want, std::vector<std::uint32_t>& artists) const;

  Catalog catalog_;
  KdTree2D index_;
  std::vector<std::uint32_t> artist_of_;  // per track: artist id (normalised name)
  std::vector<std::uint32_t> genre_of_;   // per track: genre id, kNoGenre when empty
  struct ArtistTrack {
    VA va;
    std::uint32_t index;
  };
  // Per artist id: its tracks by valence, with their points (a search reads these, not the 200-byte Tracks).
  std::vector<std::vector<ArtistTrack>> tracks_of_artist_;
  std::unordered_map<std::string, std::uint32_t> artist_ids_, genre_ids_;  // normalised name -> id
  // Track ids by hash, open addressing with linear probing: slot = index + 1, 0 = empty; at most half
  // full. One probe sequence per lookup where a sorted array took a binary search's 20 cache misses at
  // 1M tracks (the Scorer looks up every vote's track on every query), and no sort at load.
  std::vector<std::uint32_t> id_slots_;
  bool find_track(std::string_view id, std::uint32_t* index) const;
};

}  // namespace attune
