// A playlist written out for other programs and people, without any network: M3U8 (music players),
// JSPF (the JSON form of XSPF: https://xspf.org/jspf), CSV (spreadsheets) and plain text (copying, and
// the QR code a kiosk visitor takes home).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/listen_service.h"
#include "core/playlist.h"
#include "core/recommend.h"

namespace attune {

struct PlaylistItem {
  std::string artist;
  std::string title;
  std::string link;  // what Listen opens for the chosen service
  std::string note;  // "opened, liked" or "step 3 of 10"
  std::string mood;  // "while calm, slightly negative"; empty when unknown
};

struct PlaylistDocument {
  std::string title;  // "Attune playlist, 2026-12-01"
  std::string date;   // ISO 8601, e.g. "2026-12-01T17:34:55Z" (JSPF "date")
  std::vector<PlaylistItem> items;
};

// The session's playlist, each link for `service`.
PlaylistDocument session_document(const SessionPlaylist& playlist, ListenService service, const std::string& date);
// An iso playlist (the recommendations of the Iso strategy) in its order, each track with the step's mood.
PlaylistDocument iso_path_document(const Catalog& catalog, const std::vector<Recommendation>& path, ListenService service,
                                   const std::string& date);

std::string to_m3u8(const PlaylistDocument& doc);
std::string to_jspf(const PlaylistDocument& doc);
std::string to_csv(const PlaylistDocument& doc);
// The title line, then one line per item: "Artist – Title", and with `with_links` the link on the next line.
// At most `max_items` items; each line cut to `max_line_bytes` (at a character boundary) when > 0.
std::string to_text(const PlaylistDocument& doc, bool with_links, std::size_t max_items = static_cast<std::size_t>(-1),
                    std::size_t max_line_bytes = 0);

// What a phone shows when it scans the kiosk's QR code: the title and up to 10 "Artist – Title" lines.
inline constexpr std::size_t kQrItems = 10, kQrLineBytes = 60;
inline std::string qr_text(const PlaylistDocument& doc) { return to_text(doc, false, kQrItems, kQrLineBytes); }

}  // namespace attune
