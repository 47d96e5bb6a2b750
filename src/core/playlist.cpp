#include "core/playlist.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

namespace attune {

namespace {
using nlohmann::json;
constexpr std::size_t kMaxJsonBytes = 1u << 20;
}  // namespace

void SessionPlaylist::add(const Track& track, std::optional<VA> mood, bool opened) {
  auto it = std::find_if(entries_.begin(), entries_.end(), [&](const PlaylistEntry& e) { return e.track.id == track.id; });
  if (it == entries_.end()) {
    if (entries_.size() >= kMaxEntries) return;
    entries_.push_back({track, false, false, mood});
    it = entries_.end() - 1;
  }
  (opened ? it->opened : it->liked) = true;
  ++revision_;
}

void SessionPlaylist::unliked(std::string_view track_id) {
  const auto it = std::find_if(entries_.begin(), entries_.end(), [&](const PlaylistEntry& e) { return e.track.id == track_id; });
  if (it == entries_.end() || !it->liked) return;
  it->liked = false;
  if (!it->opened) entries_.erase(it);
  ++revision_;
}

void SessionPlaylist::clear() {
  entries_.clear();
  ++revision_;
}

// {"version": 1, "entries": [{"opened": true, "liked": false, "mood": [v, a] | null}, ...],
//  "catalog": {the entries' tracks in the catalog format}}: the tracks go through the catalog loader when
// read back, so a stored playlist obeys every rule a catalog does (https links on their services' hosts).
std::string SessionPlaylist::to_json() const {
  json entries = json::array();
  Catalog tracks;
  for (const auto& e : entries_) {
    entries.push_back({{"opened", e.opened}, {"liked", e.liked},
                       {"mood", e.mood ? json::array({e.mood->valence, e.mood->arousal}) : json(nullptr)}});
    tracks.tracks.push_back(e.track);
  }
  json doc = {{"version", 1}, {"entries", std::move(entries)}};
  if (!tracks.tracks.empty()) doc["catalog"] = json::parse(catalog_to_json(tracks), nullptr, false);
  return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool SessionPlaylist::from_json(std::string_view text, std::string* error) {
  const auto fail = [&](const std::string& why) {
    if (error) *error = "playlist: " + why;
    return false;
  };
  if (text.size() > kMaxJsonBytes) return fail("more than 1 MiB");
  const json doc = json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return fail("expected a JSON object");
  const auto version = doc.find("version");
  if (version == doc.end() || !version->is_number_integer() || version->get<long long>() != 1)
    return fail("expected \"version\": 1");
  const auto entries = doc.find("entries");
  if (entries == doc.end() || !entries->is_array()) return fail("expected an \"entries\" array");
  if (entries->size() > kMaxEntries) return fail("more than " + std::to_string(kMaxEntries) + " entries");

  std::vector<PlaylistEntry> loaded;
  if (!entries->empty()) {
    const auto catalog = doc.find("catalog");
    if (catalog == doc.end() || !catalog->is_object()) return fail("expected a \"catalog\" of the entries' tracks");
    auto tracks = load_catalog(catalog->dump(-1, ' ', false, json::error_handler_t::replace));
    if (!tracks.ok()) return fail(tracks.errors.front().message);
    if (tracks.catalog->tracks.size() != entries->size()) return fail("the catalog does not hold one track per entry");
    for (std::size_t i = 0; i < entries->size(); ++i) {
      const json& e = (*entries)[i];
      const std::string where = "entries[" + std::to_string(i) + "]";
      if (!e.is_object()) return fail(where + ": expected an object");
      PlaylistEntry entry{std::move(tracks.catalog->tracks[i]), false, false, std::nullopt};
      const auto flag = [&](const char* key, bool* out) {
        const auto it = e.find(key);
        if (it == e.end() || !it->is_boolean()) return false;
        *out = it->get<bool>();
        return true;
      };
      if (!flag("opened", &entry.opened) || !flag("liked", &entry.liked)) return fail(where + ": expected \"opened\" and \"liked\" booleans");
      if (!entry.opened && !entry.liked) return fail(where + ": neither opened nor liked");
      const auto mood = e.find("mood");
      if (mood != e.end() && !mood->is_null()) {
        const bool pair = mood->is_array() && mood->size() == 2 && (*mood)[0].is_number() && (*mood)[1].is_number();
        const double v = pair ? (*mood)[0].get<double>() : NAN, a = pair ? (*mood)[1].get<double>() : NAN;
        if (!(std::abs(v) <= 1.0 && std::abs(a) <= 1.0)) return fail(where + ".mood: expected [valence, arousal] in [-1, 1] or null");
        entry.mood = VA{static_cast<float>(v), static_cast<float>(a)};
      }
      loaded.push_back(std::move(entry));
    }
  }
  entries_ = std::move(loaded);
  ++revision_;
  return true;
}

}  // namespace attune
