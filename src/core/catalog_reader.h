// Reads a catalog's JSON text with nlohmann/json's SAX interface, without ever building a document:
// the header's known members are kept, and each element of the top-level "tracks" array is handed to
// a callback as soon as it is read, as its known members only. Checking them is catalog.cpp's job.
//
// Why SAX: building a json object per track (a std::map of members, a heap string per key) and then
// looking the members up cost about four times the parse itself; a catalog of 100k tracks loaded in
// ~0.8 s in wasm that way.
//
// Values are nlohmann::json scalars (string, number, boolean, null); a member whose value is an array
// or an object is kept as an empty one of that type, which is all an error message needs ("got an
// array"). Unknown members are skipped, so later format versions can add some. A member given twice
// keeps its last value.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace attune::catalog_json {

enum TrackField : int { kId, kArtist, kTitle, kGenre, kSource, kValence, kArousal, kValenceStd, kArousalStd, kUrl, kLinks, kTrackFieldCount };
enum HeaderField : int { kSchema, kVersion, kName, kLicense, kHeaderFieldCount };

using Member = std::optional<nlohmann::json>;  // nullopt: absent

// One element of "tracks". When it is not an object, `value` holds it (or a placeholder of its type).
struct RawTrack {
  bool is_object = false;
  nlohmann::json value;
  std::array<Member, kTrackFieldCount> fields;
  // The members of the track's "links" object, in file order (fields[kLinks] holds an empty object then).
  std::vector<std::pair<std::string, nlohmann::json>> links;
};

struct RawCatalog {
  bool syntax_ok = true;
  std::size_t error_byte = 0;  // where the parser stopped, when !syntax_ok
  std::string error_what;      // the parser's message, when !syntax_ok
  bool root_is_object = false;
  nlohmann::json root;  // the top-level value when it is not an object
  std::array<Member, kHeaderFieldCount> header;
  Member tracks;  // the "tracks" member; an array's elements went to the callback, so it is empty here
  bool tracks_repeated = false;
  long track_count = 0;  // elements of the (first) "tracks" array
};

// Calls on_track(index, track) for each element of the top-level "tracks" array, in file order;
// on_track may move strings out of `track`. Stops at the first syntax error (see RawCatalog).
RawCatalog read_catalog_json(std::string_view text, const std::function<void(long, RawTrack&)>& on_track);

}  // namespace attune::catalog_json
