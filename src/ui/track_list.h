// The recommended tracks: title, artist, genre, why it was chosen, a listen link and thumbs up/down.
#pragma once

#include <optional>
#include <vector>

#include "core/catalog.h"
#include "core/feedback.h"
#include "core/recommend.h"

namespace attune::ui {

struct TrackListAction {
  enum class Kind { Listen, Vote } kind = Kind::Listen;
  std::size_t track = 0;
  Vote vote = Vote::None;
  int row = 0;  // its row in the list (the hit targets' index)
};

// Returns what the person clicked this frame, if anything. Row i's buttons are recorded as hit
// targets "listen_i", "like_i" and "dislike_i".
// `service`: where Listen opens the track (for its tooltip).
std::optional<TrackListAction> draw_track_list(const Catalog& catalog, const std::vector<Recommendation>& list,
                                               const Feedback& feedback, ListenService service);

}  // namespace attune::ui
