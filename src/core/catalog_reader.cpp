#include "core/catalog_reader.h"

#include <utility>
#include <vector>

namespace attune::catalog_json {

namespace {

using nlohmann::json;

// string_view: comparing with one checks the length first, which rejects most names at once.
constexpr std::string_view kTrackFieldNames[kTrackFieldCount] = {"id",      "artist",  "title",       "genre",       "source",
                                                                 "valence", "arousal", "valence_std", "arousal_std", "url",
                                                                 "links"};
constexpr std::string_view kHeaderFieldNames[kHeaderFieldCount] = {"schema", "version", "name", "license"};

template <std::size_t N>
int field_index(std::string_view key, const std::string_view (&names)[N]) {
  for (std::size_t i = 0; i < N; ++i)
    if (key == names[i]) return static_cast<int>(i);
  return -1;
}

// The SAX consumer. Depth counts the open containers: the root's members are read at depth 1,
// the elements of "tracks" at depth 2, a track's members at depth 3, the members of its "links" object
// at depth 4. Other deeper values are skipped.
class Reader {
 public:
  Reader(RawCatalog& out, const std::function<void(long, RawTrack&)>& on_track) : out_(out), on_track_(on_track) {}

  bool null() { return value(json(nullptr)); }
  bool boolean(bool b) { return value(json(b)); }
  bool number_integer(json::number_integer_t v) { return value(json(v)); }
  bool number_unsigned(json::number_unsigned_t v) { return value(json(v)); }
  bool number_float(json::number_float_t v, const std::string&) { return value(json(v)); }
  bool string(std::string& s) { return value(json(std::move(s))); }
  bool binary(json::binary_t&) { return value(json(nullptr)); }  // JSON text has no binary values

  bool start_object(std::size_t) { return open(json::value_t::object); }
  bool start_array(std::size_t) { return open(json::value_t::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(std::string& k) {
    if (depth_ == 1) {
      root_key_ = std::move(k);
    } else if (depth_ == 3 && in_track_object()) {
      track_field_ = field_index(k, kTrackFieldNames);
    } else if (depth_ == 4 && in_links_) {
      link_key_ = std::move(k);
    }
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
    out_.syntax_ok = false;
    out_.error_byte = position;
    out_.error_what = ex.what();
    return false;
  }

 private:
  bool in_tracks() const { return in_tracks_ && depth_ >= 2; }
  bool in_track_object() const { return in_tracks() && track_.is_object; }

  // A whole value (scalar), or the placeholder of a container that starts here.
  bool value(json v) {
    if (depth_ == 0) {
      out_.root = std::move(v);
    } else if (depth_ == 1 && out_.root_is_object) {
      root_member(std::move(v));
    } else if (depth_ == 2 && in_tracks()) {
      begin_element(false);
      track_.value = std::move(v);
      end_element();
    } else if (depth_ == 3 && in_track_object() && track_field_ >= 0) {
      track_.fields[track_field_] = std::move(v);
    } else if (depth_ == 4 && in_links_) {
      track_.links.emplace_back(std::move(link_key_), std::move(v));
    }
    return true;
  }

  void root_member(json v) {
    if (root_key_ == "tracks") {
      if (out_.tracks) out_.tracks_repeated = true;
      out_.tracks = std::move(v);
      return;
    }
    const int field = field_index(root_key_, kHeaderFieldNames);
    if (field >= 0) out_.header[field] = std::move(v);
  }

  bool open(json::value_t type) {
    if (depth_ == 0) {
      out_.root_is_object = type == json::value_t::object;
      if (!out_.root_is_object) out_.root = json(type);
    } else if (depth_ == 1 && out_.root_is_object) {
      const bool tracks_array = root_key_ == "tracks" && type == json::value_t::array;
      root_member(json(type));
      // Only the first "tracks" array is read; a repeated one is an error anyway.
      if (tracks_array && !out_.tracks_repeated) in_tracks_ = true;
    } else if (depth_ == 2 && in_tracks()) {
      begin_element(type == json::value_t::object);
      if (!track_.is_object) track_.value = json(type);
    } else if (depth_ == 3 && in_track_object() && track_field_ >= 0) {
      track_.fields[track_field_] = json(type);
      if (track_field_ == kLinks && type == json::value_t::object) {
        track_.links.clear();  // a member given twice keeps its last value
        in_links_ = true;
      }
    } else if (depth_ == 4 && in_links_) {
      track_.links.emplace_back(std::move(link_key_), json(type));
    }
    ++depth_;
    return true;
  }

  bool close() {
    --depth_;
    if (depth_ == 3) in_links_ = false;
    if (depth_ == 2 && in_tracks()) end_element();
    if (depth_ == 1) in_tracks_ = false;
    return true;
  }

  void begin_element(bool is_object) {
    track_.is_object = is_object;
    track_.value = json();
    for (auto& f : track_.fields) f.reset();
    track_.links.clear();
    track_field_ = -1;
    in_links_ = false;
  }

  void end_element() { on_track_(out_.track_count++, track_); }

  RawCatalog& out_;
  const std::function<void(long, RawTrack&)>& on_track_;
  int depth_ = 0;
  std::string root_key_;
  bool in_tracks_ = false;
  RawTrack track_;
  int track_field_ = -1;
  bool in_links_ = false;  // reading the members of a track's "links" object
  std::string link_key_;
};

}  // namespace

RawCatalog read_catalog_json(std::string_view text, const std::function<void(long, RawTrack&)>& on_track) {
  RawCatalog out;
  Reader reader(out, on_track);
  json::sax_parse(text.begin(), text.end(), &reader);
  return out;
}

}  // namespace attune::catalog_json
