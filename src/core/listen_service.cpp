#include "core/listen_service.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

namespace attune {

namespace {

struct ServiceInfo {
  std::string_view id;
  std::string_view name;
  std::string_view search_prefix;  // the percent-encoded query is appended
  std::array<std::string_view, 4> hosts;  // lower case; unused slots empty
  bool artist_subdomains;                 // any <name>.<first host> too (Bandcamp's artist pages)
};

constexpr std::array<ServiceInfo, kListenServiceCount> kServices = {{
    {"youtube", "YouTube", "https://www.youtube.com/results?search_query=",
     {"www.youtube.com", "youtube.com", "m.youtube.com", "youtu.be"}, false},
    {"youtube_music", "YouTube Music", "https://music.youtube.com/search?q=", {"music.youtube.com"}, false},
    {"spotify", "Spotify", "https://open.spotify.com/search/", {"open.spotify.com"}, false},
    {"apple_music", "Apple Music", "https://music.apple.com/search?term=", {"music.apple.com"}, false},
    {"deezer", "Deezer", "https://www.deezer.com/search/", {"www.deezer.com", "deezer.com", "link.deezer.com"}, false},
    {"soundcloud", "SoundCloud", "https://soundcloud.com/search?q=", {"soundcloud.com", "m.soundcloud.com", "on.soundcloud.com"}, false},
    {"bandcamp", "Bandcamp", "https://bandcamp.com/search?q=", {"bandcamp.com"}, true},
}};

const ServiceInfo& info(ListenService s) { return kServices[static_cast<std::size_t>(s)]; }

bool unreserved(unsigned char c) { return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~'; }

void percent_encode(std::string_view text, std::string* out) {
  for (unsigned char c : text) {
    if (unreserved(c)) {
      *out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      *out += buf;
    }
  }
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

const std::string& ServiceLinks::get(ListenService s) const {
  static const std::string kNone;
  for (const auto& [service, url] : entries_)
    if (service == s) return url;
  return kNone;
}

void ServiceLinks::set(ListenService s, std::string url) {
  const auto it = std::find_if(entries_.begin(), entries_.end(), [s](const auto& e) { return e.first == s; });
  if (it != entries_.end()) entries_.erase(it);
  if (url.empty()) return;
  entries_.emplace_back(s, std::move(url));
  std::sort(entries_.begin(), entries_.end());
}

std::string_view listen_service_id(ListenService s) { return info(s).id; }
std::string_view listen_service_name(ListenService s) { return info(s).name; }

std::optional<ListenService> listen_service_from_id(std::string_view id) {
  for (std::size_t i = 0; i < kServices.size(); ++i)
    if (kServices[i].id == id) return static_cast<ListenService>(i);
  return std::nullopt;
}

std::string listen_service_ids() {
  std::string out;
  for (const auto& s : kServices) out += (out.empty() ? "" : ", ") + std::string(s.id);
  return out;
}

std::string search_url(ListenService s, std::string_view artist, std::string_view title) {
  std::string url(info(s).search_prefix);
  percent_encode(artist, &url);
  url += "%20";
  percent_encode(title, &url);
  return url;
}

std::string url_host(std::string_view url) {
  constexpr std::string_view kScheme = "https://";
  if (url.size() <= kScheme.size()) return "";
  for (std::size_t i = 0; i < kScheme.size(); ++i)
    if (ascii_lower(url[i]) != kScheme[i]) return "";
  const std::string_view rest = url.substr(kScheme.size());
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  // "https://open.spotify.com@elsewhere.example/" leads to elsewhere.example: no user info at all.
  if (authority.find('@') != std::string_view::npos || authority.find('\\') != std::string_view::npos) return "";
  std::string host(authority.substr(0, authority.find(':')));
  for (char& c : host) c = ascii_lower(c);
  return host;
}

bool service_accepts_host(ListenService s, std::string_view host) {
  if (host.empty()) return false;
  const ServiceInfo& service = info(s);
  for (const auto& h : service.hosts) {
    if (h.empty()) continue;
    if (host == h) return true;
    if (service.artist_subdomains && ends_with(host, h) && host.size() > h.size() + 1 && host[host.size() - h.size() - 1] == '.')
      return true;
  }
  return false;
}

std::string service_hosts(ListenService s) {
  const ServiceInfo& service = info(s);
  std::string out;
  for (const auto& h : service.hosts) {
    if (h.empty()) continue;
    out += (out.empty() ? "" : ", ") + std::string(h);
    if (service.artist_subdomains) out += ", *." + std::string(h);
  }
  return out;
}

std::optional<ListenService> service_for_url(std::string_view url) {
  const std::string host = url_host(url);
  for (std::size_t i = 0; i < kServices.size(); ++i)
    if (service_accepts_host(static_cast<ListenService>(i), host)) return static_cast<ListenService>(i);
  return std::nullopt;
}

std::string listen_url(ListenService s, const ServiceLinks& links, std::string_view page, std::string_view artist,
                       std::string_view title) {
  const std::string& own = links.get(s);
  if (!own.empty()) return own;
  if (!page.empty()) return std::string(page);
  return search_url(s, artist, title);
}

}  // namespace attune
