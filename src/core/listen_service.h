// Where the listener plays a track: the music services a Listen link can open, and every link to them,
// built or checked here and nowhere else.
//
// A track opens its own link for the chosen service when its catalog gives one (catalog "links"), else
// the catalog's own page for it ("url", e.g. where the song is published, when not on a service), and a
// search for its artist and title on the service otherwise. A catalog's service link must be https and on
// one of that service's hosts (a "spotify" link that leads elsewhere is refused when the catalog loads).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace attune {

enum class ListenService : int { YouTube = 0, YouTubeMusic, Spotify, AppleMusic, Deezer, SoundCloud, Bandcamp };
inline constexpr std::size_t kListenServiceCount = 7;

// A track's own link per service. Most tracks have none, so this stays one empty vector (a catalog of a
// million tracks must not carry seven empty strings each).
class ServiceLinks {
 public:
  const std::string& get(ListenService s) const;  // "" when there is none
  void set(ListenService s, std::string url);     // replaces; an empty url removes
  bool empty() const { return entries_.empty(); }
  const std::vector<std::pair<ListenService, std::string>>& entries() const { return entries_; }
  bool operator==(const ServiceLinks& o) const { return entries_ == o.entries_; }

 private:
  std::vector<std::pair<ListenService, std::string>> entries_;  // by service
};

std::string_view listen_service_id(ListenService s);    // "youtube", "youtube_music", "spotify", ... (catalog keys, settings)
std::string_view listen_service_name(ListenService s);  // "YouTube", "YouTube Music", "Spotify", ... (shown)
std::optional<ListenService> listen_service_from_id(std::string_view id);
std::string listen_service_ids();  // "youtube, youtube_music, ..." for error messages

// The service's search page for "artist title" (every byte outside [A-Za-z0-9-._~] percent-encoded).
std::string search_url(ListenService s, std::string_view artist, std::string_view title);

// ASCII letters lower-cased, other bytes as they are (URLs' schemes and hosts; no locale involved).
inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The host of an https:// URL, lower-cased ("" when it is not an https URL with a host).
std::string url_host(std::string_view url);

// Whether `host` belongs to the service (its own hosts, or an artist's subdomain where the service
// gives each artist one, as Bandcamp does).
bool service_accepts_host(ListenService s, std::string_view host);
std::string service_hosts(ListenService s);  // "open.spotify.com" or "youtube.com, www.youtube.com, ..." for messages

// The service whose hosts hold this URL's host, if any.
std::optional<ListenService> service_for_url(std::string_view url);

// What a Listen activation opens: the track's own link for the service, else its page (may be empty),
// else a search on the service.
std::string listen_url(ListenService s, const ServiceLinks& links, std::string_view page, std::string_view artist,
                       std::string_view title);

}  // namespace attune
