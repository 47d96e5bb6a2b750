#include "core/catalog.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/catalog_fast.h"
#include "core/catalog_reader.h"
#include "core/catalog_rules.h"

namespace attune {

catalog_rules::LinkProblem catalog_rules::link_problem(std::string_view link) {
  const auto starts = [&](std::string_view prefix) {
    if (link.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
      if (ascii_lower(link[i]) != prefix[i]) return false;
    return true;
  };
  if (starts("http://")) return LinkProblem::PlainHttp;
  if (!starts("https://")) return LinkProblem::NotHttps;
  if (link.find(' ') != std::string_view::npos) return LinkProblem::Space;
  if (url_host(link).empty()) return LinkProblem::NoPlainHost;
  return LinkProblem::None;
}

void catalog_rules::adopt_service_url(Track* t) {
  if (t->url.empty()) return;
  if (const auto service = service_for_url(t->url)) {
    if (t->links.get(*service).empty()) t->links.set(*service, std::move(t->url));
    t->url.clear();
  }
}

namespace {

using nlohmann::json;
using catalog_rules::LinkProblem;
using catalog_json::Member;
using catalog_json::RawTrack;

// Error text must stay printable whatever the input held (it is shown in the UI and may be logged):
// bytes outside printable ASCII become \xNN, and long texts are cut.
std::string printable(std::string_view s, std::size_t max_len = 60) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (out.size() >= max_len) {
      out += "...";
      break;
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string format_number(double x) {
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return "a number too large to represent";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", x);
  return buf;
}

// "a string \"high\"", "null", "an array", "1.7", ... for "expected X, got Y" messages.
std::string describe(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case json::value_t::string: return "a string \"" + printable(v.get_ref<const std::string&>(), 40) + "\"";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return format_number(v.get<double>());
    default: return "a value of an unsupported type";
  }
}

// Pre-scan for nesting depth, outside strings. nlohmann's parser is not recursive, but a DOM
// of a million nested arrays is still a memory bomb; refuse it before parsing.
bool depth_within(std::string_view text, std::size_t max_depth, std::size_t* where) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) {
        *where = i;
        return false;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return true;
}

// The parser's message for the first syntax error, shortened to where and why.
std::string syntax_error(const catalog_json::RawCatalog& raw) {
  // ex.what() reads "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error
  // while parsing value - invalid literal; last read: 'NaN'". Keep the location and the reason.
  std::string detail = raw.error_what;
  const auto bracket = detail.find("] ");
  if (bracket != std::string::npos) detail = detail.substr(bracket + 2);
  const std::string prefix = "parse error at ";
  if (detail.compare(0, prefix.size(), prefix) == 0) {
    const std::string rest = detail.substr(prefix.size());
    const auto colon = rest.find(": ");
    if (colon != std::string::npos) {
      std::string reason = rest.substr(colon + 2);
      const auto dash = reason.find(" - ");
      if (dash != std::string::npos) reason = reason.substr(dash + 3);
      return "not valid JSON at " + rest.substr(0, colon) + ": " + printable(reason, 160);
    }
  }
  if (detail.empty()) detail = "syntax error";
  return "not valid JSON at byte " + std::to_string(raw.error_byte) + ": " + printable(detail, 160);
}

class Validator {
 public:
  Validator(const CatalogLimits& limits, CatalogLoadResult& result) : limits_(limits), result_(result) {}

  bool full() const { return result_.errors.size() >= limits_.max_errors; }
  std::size_t count() const { return result_.errors.size(); }

  void error(long track, const std::string& field, const std::string& what) {
    if (full()) {
      result_.more_errors = true;
      return;
    }
    std::string where = track >= 0 ? "tracks[" + std::to_string(track) + "]" : "";
    if (!field.empty()) where += (where.empty() ? "" : ".") + field;
    result_.errors.push_back({track, field, (where.empty() ? "catalog" : where) + ": " + what});
  }

  // Optional or required string. Returns false when present but invalid (error recorded).
  // Moves the string out of the member (which is thrown away after loading).
  bool string_field(Member& member, long track, const char* key, bool required, std::string* out) {
    const auto it = member ? &*member : nullptr;
    if (!it) {
      if (required) error(track, key, "missing (expected a non-empty string)");
      return !required;
    }
    if (!it->is_string()) {
      error(track, key, std::string("expected a") + (required ? " non-empty" : "") + " string, got " + describe(*it));
      return false;
    }
    std::string& s = it->get_ref<std::string&>();
    if (required && s.empty()) {
      error(track, key, "expected a non-empty string, got an empty one");
      return false;
    }
    if (s.size() > limits_.max_string_bytes) {
      error(track, key, "string of " + std::to_string(s.size()) + " bytes is longer than the limit of " +
                            std::to_string(limits_.max_string_bytes));
      return false;
    }
    if (catalog_rules::has_control_character(s)) {
      error(track, key, "contains a control character");
      return false;
    }
    *out = std::move(s);
    return true;
  }

  bool number_field(const Member& member, long track, const char* key, bool required, double lo, double hi, float* out) {
    const auto range = [&] { return "[" + format_number(lo) + ", " + format_number(hi) + "]"; };
    const auto it = member ? &*member : nullptr;
    if (!it) {
      if (required) error(track, key, "missing (expected a number in " + range() + ")");
      return !required;
    }
    if (!it->is_number()) {
      error(track, key, "expected a number in " + range() + ", got " + describe(*it));
      return false;
    }
    const double x = it->get<double>();
    if (!catalog_rules::in_range(x, lo, hi)) {
      error(track, key, "expected a number in " + range() + ", got " + format_number(x));
      return false;
    }
    *out = static_cast<float>(x);
    return true;
  }

  // One rule for every listening link (catalog_rules::link_problem), applied here so that what loads is
  // what opens; the scheme's case is normalised ("HTTPS://" becomes "https://"). Returns false when the
  // link is present and refused (error recorded); an absent optional link leaves *out empty.
  bool link_field(Member& member, long track, const std::string& key, bool required, std::string* out) {
    if (!string_field(member, track, key.c_str(), required, out)) return false;
    if (!member) return true;
    switch (catalog_rules::link_problem(*out)) {
      case LinkProblem::None: catalog_rules::normalise_scheme(out); return true;
      case LinkProblem::PlainHttp:
        error(track, key, "expected an https:// link; plain http:// links are not opened, got \"" + printable(*out, 40) + "\"");
        break;
      case LinkProblem::NotHttps: error(track, key, "expected an https:// link, got \"" + printable(*out, 40) + "\""); break;
      case LinkProblem::Space: error(track, key, "contains a space (encode it as %20)"); break;
      case LinkProblem::NoPlainHost: error(track, key, "expected a link with a plain host name, got \"" + printable(*out, 40) + "\""); break;
    }
    out->clear();
    return false;
  }

  // "links": {"spotify": "https://open.spotify.com/...", ...}: each key a known service, each link on one
  // of that service's hosts.
  void links_field(const Member& member, std::vector<std::pair<std::string, json>>& raw, long track, ServiceLinks* out) {
    if (!member) return;
    if (!member->is_object()) {
      error(track, "links", "expected an object of links by service (e.g. {\"spotify\": \"https://open.spotify.com/track/...\"}), got " +
                                describe(*member));
      return;
    }
    for (auto& [key, value] : raw) {
      const std::string field = "links." + printable(key, 40);
      const auto service = listen_service_from_id(key);
      if (!service) {
        error(track, field, "unknown music service (expected one of " + listen_service_ids() + ")");
        continue;
      }
      Member link_member = std::move(value);
      std::string link;
      if (!link_field(link_member, track, field, true, &link)) continue;
      const std::string host = url_host(link);
      if (!service_accepts_host(*service, host)) {
        error(track, field, "expected a link on " + service_hosts(*service) + ", got one on \"" + printable(host, 40) + "\"");
        continue;
      }
      out->set(*service, std::move(link));
    }
  }

 private:
  const CatalogLimits& limits_;
  CatalogLoadResult& result_;
};

void read_track(Validator& v, RawTrack& item, long index, Track* t) {
  if (!item.is_object) {
    v.error(index, "", "expected an object, got " + describe(item.value));
    return;
  }
  auto& f = item.fields;
  v.string_field(f[catalog_json::kId], index, "id", true, &t->id);
  v.string_field(f[catalog_json::kArtist], index, "artist", true, &t->artist);
  v.string_field(f[catalog_json::kTitle], index, "title", true, &t->title);
  v.string_field(f[catalog_json::kGenre], index, "genre", false, &t->genre);
  v.string_field(f[catalog_json::kSource], index, "source", false, &t->source);
  using namespace catalog_rules;
  v.number_field(f[catalog_json::kValence], index, "valence", true, kVaMin, kVaMax, &t->va.valence);
  v.number_field(f[catalog_json::kArousal], index, "arousal", true, kVaMin, kVaMax, &t->va.arousal);
  v.number_field(f[catalog_json::kValenceStd], index, "valence_std", false, kStdMin, kStdMax, &t->valence_std);
  v.number_field(f[catalog_json::kArousalStd], index, "arousal_std", false, kStdMin, kStdMax, &t->arousal_std);
  v.links_field(f[catalog_json::kLinks], item.links, index, &t->links);
  if (v.link_field(f[catalog_json::kUrl], index, "url", false, &t->url)) catalog_rules::adopt_service_url(t);
}

double rounded(float x) { return std::round(static_cast<double>(x) * 1e6) / 1e6; }

}  // namespace

std::string CatalogLoadResult::error_text() const {
  std::string out;
  for (const auto& e : errors) out += e.message + "\n";
  if (more_errors) out += "(more errors not shown)\n";
  return out;
}

namespace {

// Turns each element of the top-level "tracks" array into a Track as the reader hands it over, so
// the catalog never exists twice in memory (a million tracks would not fit a wasm heap as a DOM).
class TrackCollector {
 public:
  TrackCollector(const CatalogLimits& limits, CatalogLoadResult& errors) : limits_(limits), validator_(limits, errors) {}

  void add(long index, RawTrack& raw) {
    if (static_cast<std::size_t>(index) >= limits_.max_tracks) return;  // counted, reported as too many
    if (validator_.full()) {
      unchecked_ = true;
      return;
    }
    Track t;
    const std::size_t errors_before = validator_.count();
    read_track(validator_, raw, index, &t);
    if (!t.id.empty()) {
      const auto [it, inserted] = ids_.emplace(t.id, index);
      if (!inserted)
        validator_.error(index, "id", "\"" + printable(t.id, 40) + "\" is already used by tracks[" +
                                          std::to_string(it->second) + "]");
    }
    if (validator_.count() == errors_before) tracks_.push_back(std::move(t));
  }

  void reserve(std::size_t n) {
    tracks_.reserve(n);
    ids_.reserve(n);
  }
  bool unchecked() const { return unchecked_; }
  std::vector<Track>& tracks() { return tracks_; }

 private:
  const CatalogLimits& limits_;
  Validator validator_;
  bool unchecked_ = false;
  std::vector<Track> tracks_;
  std::unordered_map<std::string, long> ids_;
};

}  // namespace

CatalogLoadResult load_catalog(std::string_view text, const CatalogLimits& limits) {
  // Nearly every catalog is right: the fast reader takes it, and anything else is read again by the
  // checking reader, which says what is wrong (core/catalog_fast.h).
  if (auto catalog = read_valid_catalog(text, limits)) {
    CatalogLoadResult result;
    result.catalog = std::move(catalog);
    return result;
  }
  return check_catalog(text, limits);
}

CatalogLoadResult check_catalog(std::string_view text, const CatalogLimits& limits) {
  CatalogLoadResult result;
  Validator v(limits, result);

  if (text.empty()) {
    v.error(-1, "", "the file is empty (expected a JSON catalog)");
    return result;
  }
  if (text.size() > limits.max_bytes) {
    v.error(-1, "", "the file is " + std::to_string(text.size()) + " bytes, more than the limit of " +
                        std::to_string(limits.max_bytes) + " bytes");
    return result;
  }
  std::size_t deep_at = 0;
  if (!depth_within(text, limits.max_depth, &deep_at)) {
    v.error(-1, "", "nesting deeper than " + std::to_string(limits.max_depth) + " levels (byte " +
                        std::to_string(deep_at) + ")");
    return result;
  }

  // Track errors are kept apart: they are reported only if the header is right.
  CatalogLoadResult track_errors;
  TrackCollector collector(limits, track_errors);
  // A track takes 150-250 bytes of JSON: reserve for the likely count to avoid regrowing the vector.
  collector.reserve(std::min(limits.max_tracks, text.size() / 160 + 1));
  auto raw = catalog_json::read_catalog_json(text, [&collector](long index, RawTrack& t) { collector.add(index, t); });
  if (!raw.syntax_ok) {
    v.error(-1, "", syntax_error(raw));
    return result;
  }
  if (!raw.root_is_object) {
    v.error(-1, "", "expected a JSON object at the top level, got " + describe(raw.root));
    return result;
  }

  // Header.
  const Member& schema = raw.header[catalog_json::kSchema];
  if (!schema) {
    v.error(-1, "schema", "missing (expected \"" + std::string(kCatalogSchemaName) + "\")");
  } else if (!schema->is_string() || schema->get_ref<const std::string&>() != kCatalogSchemaName) {
    v.error(-1, "schema", "expected \"" + std::string(kCatalogSchemaName) + "\", got " + describe(*schema));
  }
  const Member& version = raw.header[catalog_json::kVersion];
  if (!version) {
    v.error(-1, "version", "missing (expected " + std::to_string(kCatalogSchemaVersion) + ")");
  } else if (!version->is_number_integer()) {
    v.error(-1, "version", "expected the integer " + std::to_string(kCatalogSchemaVersion) + ", got " + describe(*version));
  } else if (version->get<long long>() != kCatalogSchemaVersion) {
    v.error(-1, "version", "this build reads version " + std::to_string(kCatalogSchemaVersion) + ", the file is version " +
                               std::to_string(version->get<long long>()));
  }
  Catalog catalog;
  v.string_field(raw.header[catalog_json::kName], -1, "name", false, &catalog.name);
  v.string_field(raw.header[catalog_json::kLicense], -1, "license", false, &catalog.license);

  if (!raw.tracks) {
    v.error(-1, "tracks", "missing (expected an array of tracks)");
    return result;
  }
  if (raw.tracks_repeated) {
    v.error(-1, "tracks", "appears more than once");
    return result;
  }
  if (!raw.tracks->is_array()) {
    v.error(-1, "tracks", "expected an array of tracks, got " + describe(*raw.tracks));
    return result;
  }
  if (raw.track_count == 0) {
    v.error(-1, "tracks", "the array is empty (a catalog needs at least one track)");
    return result;
  }
  if (static_cast<std::size_t>(raw.track_count) > limits.max_tracks) {
    v.error(-1, "tracks", std::to_string(raw.track_count) + " tracks, more than the limit of " +
                              std::to_string(limits.max_tracks));
    return result;
  }
  if (!result.errors.empty()) return result;  // a wrong header: the tracks are probably not ours either
  if (!track_errors.errors.empty()) {
    track_errors.more_errors = track_errors.more_errors || collector.unchecked();
    return track_errors;
  }
  catalog.tracks = std::move(collector.tracks());
  result.catalog = std::move(catalog);
  return result;
}

std::string catalog_to_json(const Catalog& catalog) {
  json doc = json::object();
  doc["schema"] = kCatalogSchemaName;
  doc["version"] = kCatalogSchemaVersion;
  if (!catalog.name.empty()) doc["name"] = catalog.name;
  if (!catalog.license.empty()) doc["license"] = catalog.license;
  json tracks = json::array();
  for (const Track& t : catalog.tracks) {
    json j = {{"id", t.id}, {"artist", t.artist}, {"title", t.title}};
    if (!t.genre.empty()) j["genre"] = t.genre;
    j["valence"] = rounded(t.va.valence);
    j["arousal"] = rounded(t.va.arousal);
    j["valence_std"] = rounded(t.valence_std);
    j["arousal_std"] = rounded(t.arousal_std);
    if (!t.source.empty()) j["source"] = t.source;
    if (!t.url.empty()) j["url"] = t.url;
    json links = json::object();
    for (const auto& [service, link] : t.links.entries()) links[std::string(listen_service_id(service))] = link;
    if (!links.empty()) j["links"] = std::move(links);
    tracks.push_back(std::move(j));
  }
  doc["tracks"] = std::move(tracks);
  return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace attune
