#include "core/listen_service.h"

#include <gtest/gtest.h>

#include <set>

using attune::ListenService;

TEST(ListenService, IdsRoundTripAndAreUnique) {
  std::set<std::string> ids;
  for (std::size_t i = 0; i < attune::kListenServiceCount; ++i) {
    const auto s = static_cast<ListenService>(i);
    ids.insert(std::string(attune::listen_service_id(s)));
    EXPECT_EQ(attune::listen_service_from_id(attune::listen_service_id(s)), s);
    EXPECT_FALSE(attune::listen_service_name(s).empty());
  }
  EXPECT_EQ(ids.size(), attune::kListenServiceCount);
  EXPECT_FALSE(attune::listen_service_from_id("Spotify").has_value());  // ids are exact
  EXPECT_FALSE(attune::listen_service_from_id("").has_value());
}

TEST(ListenService, SearchUrlsEncodeEverythingOutsideTheUnreservedSet) {
  EXPECT_EQ(attune::search_url(ListenService::YouTube, "Kevin MacLeod", "DD Groove"),
            "https://www.youtube.com/results?search_query=Kevin%20MacLeod%20DD%20Groove");
  EXPECT_EQ(attune::search_url(ListenService::Spotify, "AC/DC", "T.N.T. & more?#"),
            "https://open.spotify.com/search/AC%2FDC%20T.N.T.%20%26%20more%3F%23");
  EXPECT_EQ(attune::search_url(ListenService::AppleMusic, "Björk", "Jóga"),
            "https://music.apple.com/search?term=Bj%C3%B6rk%20J%C3%B3ga");
  // Every search is on one of its own service's hosts.
  for (std::size_t i = 0; i < attune::kListenServiceCount; ++i) {
    const auto s = static_cast<ListenService>(i);
    const std::string url = attune::search_url(s, "a+b", "c d");
    EXPECT_TRUE(attune::service_accepts_host(s, attune::url_host(url))) << url;
    EXPECT_EQ(attune::service_for_url(url), s) << url;
    EXPECT_EQ(url.find(' '), std::string::npos);
    EXPECT_EQ(url.find('+'), std::string::npos);
  }
}

TEST(ListenService, HostsAreReadStrictly) {
  EXPECT_EQ(attune::url_host("https://Open.Spotify.com/track/1"), "open.spotify.com");
  EXPECT_EQ(attune::url_host("HTTPS://music.apple.com:443/x"), "music.apple.com");
  EXPECT_EQ(attune::url_host("https://open.spotify.com?x"), "open.spotify.com");
  EXPECT_EQ(attune::url_host("https://open.spotify.com@evil.example/"), "");  // user info: refused
  EXPECT_EQ(attune::url_host("https://evil.example\\@open.spotify.com/"), "");
  EXPECT_EQ(attune::url_host("http://open.spotify.com/"), "");
  EXPECT_EQ(attune::url_host("javascript:alert(1)"), "");
  EXPECT_TRUE(attune::service_accepts_host(ListenService::Bandcamp, "artist.bandcamp.com"));
  EXPECT_TRUE(attune::service_accepts_host(ListenService::Bandcamp, "bandcamp.com"));
  EXPECT_FALSE(attune::service_accepts_host(ListenService::Bandcamp, ".bandcamp.com"));
  EXPECT_FALSE(attune::service_accepts_host(ListenService::Bandcamp, "notbandcamp.com"));
  EXPECT_FALSE(attune::service_accepts_host(ListenService::Spotify, "spotify.com.evil.example"));
  EXPECT_FALSE(attune::service_accepts_host(ListenService::Spotify, "x.open.spotify.com"));  // no subdomains but Bandcamp's
  EXPECT_FALSE(attune::service_for_url("https://example.org/").has_value());
}

TEST(ListenService, AnOwnLinkWinsOverThePageAndThePageOverASearch) {
  attune::ServiceLinks links;
  links.set(ListenService::Deezer, "https://www.deezer.com/track/3135556");
  EXPECT_EQ(attune::listen_url(ListenService::Deezer, links, "https://example.org/song", "A", "B"), "https://www.deezer.com/track/3135556");
  EXPECT_EQ(attune::listen_url(ListenService::SoundCloud, links, "https://example.org/song", "A", "B"), "https://example.org/song");
  EXPECT_EQ(attune::listen_url(ListenService::SoundCloud, links, "", "A", "B"), "https://soundcloud.com/search?q=A%20B");
}
