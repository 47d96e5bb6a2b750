#include "core/catalog_fast.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <functional>
#include <utility>
#include <vector>

#include "core/catalog_rules.h"
#include "core/exact_decimal.h"

namespace attune {

namespace {

// Reads JSON tokens from the text. Every method returns false on anything it does not accept; the
// caller then gives up on the whole text.
class Scanner {
 public:
  Scanner(std::string_view text, std::size_t max_depth)
      : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()), max_depth_(static_cast<int>(max_depth)) {}

  void skip_space() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }
  bool eat(char c) {
    skip_space();
    if (p_ < end_ && *p_ == c) {
      ++p_;
      return true;
    }
    return false;
  }
  std::size_t offset() const { return static_cast<std::size_t>(p_ - begin_); }
  std::size_t remaining() const { return static_cast<std::size_t>(end_ - p_); }
  bool at_end() {
    skip_space();
    return p_ == end_;
  }

  // A string: a view into the text when it has no escapes, else decoded into a buffer of the scanner
  // (valid until the next string).
  bool string(std::string_view* out) {
    if (!eat('"')) return false;
    const char* start = p_;
    while (p_ < end_) {
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        *out = std::string_view(start, static_cast<std::size_t>(p_ - start));
        ++p_;
        return true;
      }
      if (c == '\\') return escaped_string(start, out);
      if (c < 0x20) return false;  // JSON wants control characters escaped
      if (c < 0x80) ++p_;
      else if (!utf8_character()) return false;
    }
    return false;
  }

  // A number by JSON's grammar; `integer`: no fraction and no exponent. Out-of-range values (errno) are
  // left to the checking reader.
  bool number(double* out, bool* integer) {
    skip_space();
    const char* start = p_;
    if (p_ < end_ && *p_ == '-') ++p_;
    if (p_ >= end_) return false;
    if (*p_ == '0') {
      ++p_;
    } else if (*p_ >= '1' && *p_ <= '9') {
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    } else {
      return false;
    }
    *integer = true;
    if (p_ < end_ && *p_ == '.') {
      *integer = false;
      ++p_;
      if (!digits()) return false;
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      *integer = false;
      ++p_;
      if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (!digits()) return false;
    }
    if (!exact_decimal(std::string_view(start, static_cast<std::size_t>(p_ - start)), out) && !parsed_by_strtod(start, out))
      return false;
    if (*integer && *out == 0.0) *out = 0.0;  // nlohmann reads "-0" as the integer 0, without a sign
    return true;
  }

  // The number from `start` to the scanner's position, as nlohmann/json converts numbers; false when
  // out of range (errno).
  bool parsed_by_strtod(const char* start, double* out) {
    char buf[64];
    const auto length = static_cast<std::size_t>(p_ - start);
    if (length >= sizeof buf) return false;
    std::copy(start, p_, buf);
    buf[length] = '\0';
    errno = 0;
    char* parsed_end = nullptr;
    *out = std::strtod(buf, &parsed_end);
    return errno == 0 && parsed_end == buf + length;
  }

  // Any value, checked and thrown away (members the format does not know). `depth`: the nesting level a
  // container opened here has (the root object is 1); deeper than the limit is the checking reader's.
  bool skip_value(int depth) {
    skip_space();
    if (p_ >= end_ || ((*p_ == '{' || *p_ == '[') && depth > max_depth_)) return false;
    std::string_view ignored;
    double number_value = 0;
    bool integer = false;
    switch (*p_) {
      case '"': return string(&ignored);
      case '{':
        ++p_;
        if (eat('}')) return true;
        do {
          if (!string(&ignored) || !eat(':') || !skip_value(depth + 1)) return false;
        } while (eat(','));
        return eat('}');
      case '[':
        ++p_;
        if (eat(']')) return true;
        do {
          if (!skip_value(depth + 1)) return false;
        } while (eat(','));
        return eat(']');
      case 't': return literal("true");
      case 'f': return literal("false");
      case 'n': return literal("null");
      default: return number(&number_value, &integer);
    }
  }

 private:
  bool digits() {
    const char* start = p_;
    while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    return p_ > start;
  }

  bool literal(std::string_view word) {
    if (static_cast<std::size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word) return false;
    p_ += word.size();
    return true;
  }

  // One well-formed UTF-8 character of two to four bytes at p_ (the ranges of RFC 3629: no overlong
  // forms, no surrogates, nothing above U+10FFFF), as nlohmann/json accepts.
  bool utf8_character() {
    const auto c = static_cast<unsigned char>(*p_);
    int more = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the range of the first continuation byte
    if (c >= 0xC2 && c <= 0xDF) more = 1;
    else if (c == 0xE0) more = 2, lo = 0xA0;
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) more = 2;
    else if (c == 0xED) more = 2, hi = 0x9F;
    else if (c == 0xF0) more = 3, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) more = 3;
    else if (c == 0xF4) more = 3, hi = 0x8F;
    else return false;
    if (end_ - p_ <= more) return false;
    for (int i = 1; i <= more; ++i) {
      const auto b = static_cast<unsigned char>(p_[i]);
      if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xBF)) return false;
    }
    p_ += more + 1;
    return true;
  }

  bool hex4(unsigned* out) {
    if (end_ - p_ < 4) return false;
    *out = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = p_[i];
      const unsigned digit = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : 16;
      if (digit > 15) return false;
      *out = *out * 16 + digit;
    }
    p_ += 4;
    return true;
  }

  void append_utf8(unsigned cp) {
    if (cp < 0x80) {
      buffer_ += static_cast<char>(cp);
    } else if (cp < 0x800) {
      buffer_ += static_cast<char>(0xC0 | (cp >> 6));
      buffer_ += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      buffer_ += static_cast<char>(0xE0 | (cp >> 12));
      buffer_ += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      buffer_ += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      buffer_ += static_cast<char>(0xF0 | (cp >> 18));
      buffer_ += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      buffer_ += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      buffer_ += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  // The rest of a string that has escapes, from `start` (its first character), decoded into buffer_.
  bool escaped_string(const char* start, std::string_view* out) {
    buffer_.assign(start, p_);
    while (p_ < end_) {
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        ++p_;
        *out = buffer_;
        return true;
      }
      if (c < 0x20) return false;
      if (c >= 0x80) {
        const char* from = p_;
        if (!utf8_character()) return false;
        buffer_.append(from, p_);
        continue;
      }
      ++p_;
      if (c != '\\') {
        buffer_ += static_cast<char>(c);
        continue;
      }
      if (p_ >= end_) return false;
      const char e = *p_++;
      switch (e) {
        case '"': buffer_ += '"'; break;
        case '\\': buffer_ += '\\'; break;
        case '/': buffer_ += '/'; break;
        case 'b': buffer_ += '\b'; break;
        case 'f': buffer_ += '\f'; break;
        case 'n': buffer_ += '\n'; break;
        case 'r': buffer_ += '\r'; break;
        case 't': buffer_ += '\t'; break;
        case 'u': {
          unsigned cp = 0;
          if (!hex4(&cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate alone
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned low = 0;
            if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
            p_ += 2;
            if (!hex4(&low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(cp);
          break;
        }
        default: return false;
      }
    }
    return false;
  }

  const char* begin_;
  const char* p_;
  const char* end_;
  int max_depth_;
  std::string buffer_;
};

// A text field as the checking reader accepts it.
bool acceptable_text(std::string_view s, const CatalogLimits& limits, bool required) {
  return (!required || !s.empty()) && s.size() <= limits.max_string_bytes && !catalog_rules::has_control_character(s);
}

bool acceptable_link(std::string* link, const CatalogLimits& limits) {
  if (!acceptable_text(*link, limits, true) || catalog_rules::link_problem(*link) != catalog_rules::LinkProblem::None) return false;
  catalog_rules::normalise_scheme(link);
  return true;
}

bool read_text(Scanner& s, std::string* out, bool* present) {
  std::string_view v;
  if (!s.string(&v)) return false;
  out->assign(v);
  *present = true;
  return true;
}

bool read_number(Scanner& s, double* out, bool* present) {
  bool integer = false;
  *present = true;
  return s.number(out, &integer);
}

// "links": {"spotify": "https://...", ...}; the last member per service wins, as in the checking reader.
bool read_links(Scanner& s, const CatalogLimits& limits, ServiceLinks* links) {
  *links = ServiceLinks();
  if (!s.eat('{')) return false;
  if (s.eat('}')) return true;
  std::string_view key_view;
  do {
    if (!s.string(&key_view)) return false;
    const auto service = listen_service_from_id(key_view);
    std::string link;
    bool present = false;
    if (!service || !s.eat(':') || !read_text(s, &link, &present) || !acceptable_link(&link, limits) ||
        !service_accepts_host(*service, url_host(link)))
      return false;
    links->set(*service, std::move(link));
  } while (s.eat(','));
  return s.eat('}');
}

bool read_track(Scanner& s, const CatalogLimits& limits, Track* t) {
  if (!s.eat('{')) return false;
  bool id = false, artist = false, title = false, genre = false, source = false, url = false;
  bool valence = false, arousal = false, valence_std = false, arousal_std = false;
  double v = 0, a = 0, v_std = 0, a_std = 0;
  if (!s.eat('}')) {
    std::string_view key;
    do {
      if (!s.string(&key) || !s.eat(':')) return false;
      bool ok = true;
      if (key == "id") ok = read_text(s, &t->id, &id);
      else if (key == "artist") ok = read_text(s, &t->artist, &artist);
      else if (key == "title") ok = read_text(s, &t->title, &title);
      else if (key == "genre") ok = read_text(s, &t->genre, &genre);
      else if (key == "source") ok = read_text(s, &t->source, &source);
      else if (key == "valence") ok = read_number(s, &v, &valence);
      else if (key == "arousal") ok = read_number(s, &a, &arousal);
      else if (key == "valence_std") ok = read_number(s, &v_std, &valence_std);
      else if (key == "arousal_std") ok = read_number(s, &a_std, &arousal_std);
      else if (key == "url") ok = read_text(s, &t->url, &url);
      else if (key == "links") ok = read_links(s, limits, &t->links);
      else ok = s.skip_value(4);  // root 1, tracks 2, this track 3
      if (!ok) return false;
    } while (s.eat(','));
    if (!s.eat('}')) return false;
  }
  using namespace catalog_rules;
  if (!id || !artist || !title || !valence || !arousal) return false;
  if (!acceptable_text(t->id, limits, true) || !acceptable_text(t->artist, limits, true) ||
      !acceptable_text(t->title, limits, true) || !acceptable_text(t->genre, limits, false) ||
      !acceptable_text(t->source, limits, false))
    return false;
  if (!in_range(v, kVaMin, kVaMax) || !in_range(a, kVaMin, kVaMax)) return false;
  if ((valence_std && !in_range(v_std, kStdMin, kStdMax)) || (arousal_std && !in_range(a_std, kStdMin, kStdMax))) return false;
  t->va = {static_cast<float>(v), static_cast<float>(a)};
  t->valence_std = static_cast<float>(v_std);
  t->arousal_std = static_cast<float>(a_std);
  if (url && !acceptable_link(&t->url, limits)) return false;
  adopt_service_url(t);
  return true;
}

bool read_tracks(Scanner& s, const CatalogLimits& limits, std::vector<Track>* tracks) {
  if (!s.eat('[')) return false;
  if (s.eat(']')) return true;
  const std::size_t first_track_at = s.offset();
  tracks->reserve(std::min<std::size_t>(limits.max_tracks, 64));
  do {
    if (tracks->size() >= limits.max_tracks) return false;
    // Growing a vector of 100k tracks by doubling moves every track several times (a tenth of the load
    // time). When it is full, the tracks read so far tell how many bytes a track takes in this file, and
    // the rest of the text how many tracks can follow: one reallocation, rarely two.
    if (tracks->size() == tracks->capacity()) {
      const double bytes_per_track = static_cast<double>(s.offset() - first_track_at) / static_cast<double>(tracks->size());
      const auto expected = tracks->size() + static_cast<std::size_t>(1.05 * static_cast<double>(s.remaining()) / bytes_per_track) + 16;
      tracks->reserve(std::min(limits.max_tracks, std::max(expected, tracks->size() + tracks->size() / 4)));
    }
    Track track;  // not tracks->emplace_back(): its value-initialisation zeroes all of a Track first
    if (!read_track(s, limits, &track)) return false;
    tracks->push_back(std::move(track));
  } while (s.eat(','));
  return s.eat(']');
}

bool ids_unique(const std::vector<Track>& tracks) {
  std::vector<std::pair<std::size_t, std::uint32_t>> hashes(tracks.size());
  for (std::uint32_t i = 0; i < tracks.size(); ++i) hashes[i] = {std::hash<std::string_view>{}(tracks[i].id), i};
  std::sort(hashes.begin(), hashes.end());
  for (std::size_t i = 0; i < hashes.size(); ++i)
    for (std::size_t j = i + 1; j < hashes.size() && hashes[j].first == hashes[i].first; ++j)
      if (tracks[hashes[i].second].id == tracks[hashes[j].second].id) return false;
  return true;
}

}  // namespace

std::optional<Catalog> read_valid_catalog(std::string_view text, const CatalogLimits& limits) {
  if (text.size() > limits.max_bytes) return std::nullopt;
  if (limits.max_depth < 4) return std::nullopt;  // the format itself needs 4 levels with links
  Scanner s(text, limits.max_depth);
  Catalog c;
  bool schema = false, version = false, tracks = false, name = false, license = false;
  if (!s.eat('{') || s.eat('}')) return std::nullopt;
  std::string_view key;
  do {
    if (!s.string(&key) || !s.eat(':')) return std::nullopt;
    bool ok = true;
    if (key == "tracks") {
      ok = !tracks && read_tracks(s, limits, &c.tracks);
      tracks = true;
    } else if (key == "schema") {
      std::string_view value;
      ok = s.string(&value);
      schema = value == kCatalogSchemaName;  // the last one counts, as in the checking reader
    } else if (key == "version") {
      double x = 0;
      bool integer = false;
      ok = s.number(&x, &integer);
      version = integer && x == kCatalogSchemaVersion;
    } else if (key == "name") {
      ok = read_text(s, &c.name, &name);
    } else if (key == "license") {
      ok = read_text(s, &c.license, &license);
    } else {
      ok = s.skip_value(2);  // a member of the root
    }
    if (!ok) return std::nullopt;
  } while (s.eat(','));
  if (!s.eat('}') || !s.at_end()) return std::nullopt;
  if (!schema || !version || c.tracks.empty()) return std::nullopt;
  if (!acceptable_text(c.name, limits, false) || !acceptable_text(c.license, limits, false)) return std::nullopt;
  if (!ids_unique(c.tracks)) return std::nullopt;
  return c;
}

}  // namespace attune
