// The music catalog: its JSON format (catalog/schema.json), loading and validation.
//
// The loader never throws and never trusts its input: a user may drop any file on the page. It checks
// the size and nesting depth before parsing, reads it with nlohmann/json's SAX parser (each track is
// converted as soon as it is read and no document is built, so memory stays near the size of the
// resulting Track vector; see catalog_reader.h), checks every field of every track, and reports
// the first errors precisely, e.g.
//   tracks[12].valence: expected a number in [-1, 1], got 1.7
// A caller keeps its current catalog unless load_catalog() returns ok().
//
// Format, version 1:
//   { "schema": "attune-catalog", "version": 1, "name": "...", "license": "...",
//     "tracks": [ { "id": "deam-2", "artist": "...", "title": "...", "genre": "Blues",
//                   "valence": -0.475, "arousal": -0.5, "valence_std": 0.235, "arousal_std": 0.1575,
//                   "source": "DEAM 2013", "url": "https://...",
//                   "links": { "spotify": "https://open.spotify.com/track/...", "bandcamp": "https://x.bandcamp.com/..." } },
//                 ... ] }
// valence/arousal are centred on [-1, 1]; genre, source, name, license, url, links and the *_std fields
// are optional; unknown fields are ignored so later versions can add some. Every link is https.
// "links" holds the track's own link per music service (keys and allowed hosts: core/listen_service.h);
// "url" is the track's own page: when it is on a service's host it counts as that service's link, else
// it is opened for every service without a link of its own. Without either, Listen opens a search.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/emotion.h"
#include "core/listen_service.h"

namespace attune {

inline constexpr std::string_view kCatalogSchemaName = "attune-catalog";
inline constexpr int kCatalogSchemaVersion = 1;

struct Track {
  std::string id;
  std::string artist;
  std::string title;
  std::string genre;   // may be empty
  std::string source;  // where the annotation comes from, may be empty
  std::string url;     // the track's own https page not on a music service (may be empty)
  ServiceLinks links;  // its https link per music service (empty where the catalog gives none)
  VA va;               // centred valence and arousal
  float valence_std = 0.0f;  // rater disagreement, same units as va; 0 when unknown
  float arousal_std = 0.0f;
};

// What Listen opens for this track on service `s` (see core/listen_service.h).
inline std::string track_listen_url(const Track& t, ListenService s) { return listen_url(s, t.links, t.url, t.artist, t.title); }

struct Catalog {
  std::string name;
  std::string license;
  std::vector<Track> tracks;
};

struct CatalogError {
  long track_index = -1;  // -1: the error is not about one track
  std::string field;      // "valence", "tracks", "version", ... ; empty for file-level errors
  std::string message;    // the whole line, ready to show: "tracks[3].valence: expected ..."
};

struct CatalogLimits {
  std::size_t max_bytes = 32u << 20;  // a 1,800-track catalog is ~0.5 MB; 32 MiB holds ~150k tracks
  std::size_t max_depth = 32;         // the format needs 3 levels
  std::size_t max_tracks = 2'000'000;
  std::size_t max_string_bytes = 2048;
  std::size_t max_errors = 8;  // stop collecting after this many
};

struct CatalogLoadResult {
  std::optional<Catalog> catalog;  // set only when there are no errors
  std::vector<CatalogError> errors;  // the first limits.max_errors errors, in file order
  bool more_errors = false;          // checking stopped at max_errors

  bool ok() const { return catalog.has_value(); }
  // The errors, one per line; "" when ok.
  std::string error_text() const;
};

CatalogLoadResult load_catalog(std::string_view json_text, const CatalogLimits& limits = {});
// The checking reader alone, without the fast path for right catalogs that load_catalog() tries first
// (core/catalog_fast.h); the same result, slower. Tests and the fuzz target compare the two.
CatalogLoadResult check_catalog(std::string_view json_text, const CatalogLimits& limits = {});

// Writes a catalog in the format above (used by tools, tests and benchmarks).
std::string catalog_to_json(const Catalog& catalog);

}  // namespace attune
