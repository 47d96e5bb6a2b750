// The session's playlist: every track the listener opened or liked, in the order it first happened, each
// with the mood at that moment. It lasts for the session; the app keeps it in this browser only when
// the listener asks (to_json/from_json; the stored text is untrusted when read back).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/emotion.h"

namespace attune {

struct PlaylistEntry {
  Track track;  // a copy: the list outlives a change of catalog
  bool opened = false;
  bool liked = false;
  std::optional<VA> mood;  // the mood when the track joined the list; none when no mood was read yet
};

class SessionPlaylist {
 public:
  static constexpr std::size_t kMaxEntries = 500;  // far beyond a session; keeps stored text small

  // The listener opened or liked a track. A track already listed keeps its place and first mood.
  void opened(const Track& track, std::optional<VA> mood) { add(track, mood, true); }
  void liked(const Track& track, std::optional<VA> mood) { add(track, mood, false); }
  // A like undone (or turned into "not for me"): the track leaves the list unless it was opened.
  void unliked(std::string_view track_id);

  const std::vector<PlaylistEntry>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }
  void clear();
  int revision() const { return revision_; }  // changes with every change (to know when to save)

  std::string to_json() const;
  // Replaces the list with a stored one; false (list unchanged) when the text is not a valid playlist.
  bool from_json(std::string_view text, std::string* error);

 private:
  void add(const Track& track, std::optional<VA> mood, bool opened);

  std::vector<PlaylistEntry> entries_;
  int revision_ = 0;
};

}  // namespace attune
