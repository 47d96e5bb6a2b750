#include "core/playlist_export.h"

#include <nlohmann/json.hpp>

namespace attune {

namespace {

using nlohmann::json;

constexpr const char* kEnDash = "\u2013";

// At most max_bytes of UTF-8, never splitting a character; an ellipsis marks a cut.
std::string cut_utf8(const std::string& s, std::size_t max_bytes) {
  if (max_bytes == 0 || s.size() <= max_bytes) return s;
  constexpr std::string_view kEllipsis = "\u2026";
  std::size_t end = max_bytes > kEllipsis.size() ? max_bytes - kEllipsis.size() : 0;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end) + std::string(kEllipsis);
}

// Catalog text holds no control characters, but a line break would break every format here: one space.
std::string one_line(const std::string& s) {
  std::string out = s;
  for (char& c : out)
    if (c == '\n' || c == '\r') c = ' ';
  return out;
}

// A CSV field, quoted (RFC 4180). A field a spreadsheet would take for a formula gets a leading
// apostrophe, so that opening an exported file never runs a catalog's text.
std::string csv_field(const std::string& s) {
  std::string out = "\"";
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t')) out += '\'';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string reasons(const PlaylistEntry& e) {
  if (e.opened && e.liked) return "opened, liked";
  return e.opened ? "opened" : "liked";
}

}  // namespace

PlaylistDocument session_document(const SessionPlaylist& playlist, ListenService service, const std::string& date) {
  PlaylistDocument doc{"Attune playlist, " + date.substr(0, 10), date, {}};
  for (const auto& e : playlist.entries())
    doc.items.push_back({e.track.artist, e.track.title, track_listen_url(e.track, service), reasons(e),
                         e.mood ? "while " + describe_va(*e.mood) : std::string()});
  return doc;
}

PlaylistDocument iso_path_document(const Catalog& catalog, const std::vector<Recommendation>& path, ListenService service,
                                   const std::string& date) {
  PlaylistDocument doc{"Attune iso path, " + date.substr(0, 10), date, {}};
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i].track >= catalog.tracks.size()) continue;
    const Track& t = catalog.tracks[path[i].track];
    doc.items.push_back({t.artist, t.title, track_listen_url(t, service),
                         "step " + std::to_string(i + 1) + " of " + std::to_string(path.size()), "toward " + describe_va(path[i].target)});
  }
  return doc;
}

// Extended M3U, UTF-8: "#EXTINF:-1,Artist - Title" (length unknown) before each link.
std::string to_m3u8(const PlaylistDocument& doc) {
  std::string out = "#EXTM3U\n#PLAYLIST:" + one_line(doc.title) + "\n";
  for (const auto& item : doc.items) out += "#EXTINF:-1," + one_line(item.artist) + " - " + one_line(item.title) + "\n" + item.link + "\n";
  return out;
}

std::string to_jspf(const PlaylistDocument& doc) {
  json tracks = json::array();
  for (const auto& item : doc.items) {
    json t = {{"title", item.title}, {"creator", item.artist}, {"location", json::array({item.link})}};
    std::string annotation = item.note;
    if (!item.mood.empty()) annotation += (annotation.empty() ? "" : ", ") + item.mood;
    if (!annotation.empty()) t["annotation"] = annotation;
    tracks.push_back(std::move(t));
  }
  const json out = {{"playlist", {{"title", doc.title}, {"creator", "Attune"}, {"date", doc.date}, {"track", std::move(tracks)}}}};
  return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string to_csv(const PlaylistDocument& doc) {
  std::string out = "position,artist,title,link,note,mood\r\n";
  for (std::size_t i = 0; i < doc.items.size(); ++i) {
    const auto& item = doc.items[i];
    out += std::to_string(i + 1) + "," + csv_field(item.artist) + "," + csv_field(item.title) + "," + csv_field(item.link) + "," +
           csv_field(item.note) + "," + csv_field(item.mood) + "\r\n";
  }
  return out;
}

std::string to_text(const PlaylistDocument& doc, bool with_links, std::size_t max_items, std::size_t max_line_bytes) {
  std::string out = cut_utf8(one_line(doc.title), max_line_bytes);
  for (std::size_t i = 0; i < doc.items.size() && i < max_items; ++i) {
    const auto& item = doc.items[i];
    out += "\n" + cut_utf8(one_line(item.artist) + " " + kEnDash + " " + one_line(item.title), max_line_bytes);
    if (with_links) out += "\n" + item.link;
  }
  return out;
}

}  // namespace attune
