#include "core/playlist.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "core/playlist_export.h"

using attune::ListenService;
using attune::SessionPlaylist;
using attune::Track;
using attune::VA;

namespace {

Track track(const std::string& id, const std::string& artist, const std::string& title) {
  Track t;
  t.id = id;
  t.artist = artist;
  t.title = title;
  return t;
}

std::vector<std::string> lines(const std::string& text, const std::string& eol = "\n") {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t at; (at = text.find(eol, start)) != std::string::npos; start = at + eol.size()) out.push_back(text.substr(start, at - start));
  if (start < text.size()) out.push_back(text.substr(start));
  return out;
}

}  // namespace

TEST(SessionPlaylist, KeepsFirstOrderAndFirstMoodAndEveryReason) {
  SessionPlaylist p;
  p.liked(track("a", "Ann", "One"), VA{0.5f, 0.5f});
  p.opened(track("b", "Bo", "Two"), std::nullopt);
  p.opened(track("a", "Ann", "One"), VA{-0.5f, -0.5f});
  ASSERT_EQ(p.entries().size(), 2u);
  EXPECT_EQ(p.entries()[0].track.id, "a");
  EXPECT_TRUE(p.entries()[0].liked && p.entries()[0].opened);
  EXPECT_FLOAT_EQ(p.entries()[0].mood->valence, 0.5f);
  EXPECT_FALSE(p.entries()[1].mood.has_value());
}

TEST(SessionPlaylist, AnUndoneLikeLeavesUnlessTheTrackWasOpened) {
  SessionPlaylist p;
  p.liked(track("a", "Ann", "One"), std::nullopt);
  p.liked(track("b", "Bo", "Two"), std::nullopt);
  p.opened(track("b", "Bo", "Two"), std::nullopt);
  const int before = p.revision();
  p.unliked("a");
  p.unliked("b");
  p.unliked("zzz");
  ASSERT_EQ(p.entries().size(), 1u);
  EXPECT_EQ(p.entries()[0].track.id, "b");
  EXPECT_FALSE(p.entries()[0].liked);
  EXPECT_GT(p.revision(), before);
}

TEST(SessionPlaylist, RoundTripsThroughStorageAndRefusesWhatACatalogWould) {
  SessionPlaylist p;
  Track t = track("a", "Björk", "Jóga");
  t.links.set(ListenService::Spotify, "https://open.spotify.com/track/1");
  p.liked(t, VA{0.25f, -0.75f});
  p.opened(track("b", "Bo", "Two"), std::nullopt);
  SessionPlaylist back;
  std::string error;
  ASSERT_TRUE(back.from_json(p.to_json(), &error)) << error;
  ASSERT_EQ(back.entries().size(), 2u);
  EXPECT_EQ(back.entries()[0].track.artist, "Björk");
  EXPECT_EQ(back.entries()[0].track.links, t.links);
  EXPECT_FLOAT_EQ(back.entries()[0].mood->arousal, -0.75f);
  EXPECT_TRUE(back.entries()[1].opened);
  EXPECT_FALSE(back.entries()[1].liked);

  SessionPlaylist empty;
  ASSERT_TRUE(back.from_json(empty.to_json(), &error)) << error;
  EXPECT_TRUE(back.empty());

  // A stored link to another host is refused as in a catalog, and the list stays as it was.
  std::string tampered = p.to_json();
  tampered.replace(tampered.find("open.spotify.com"), 16, "evil.example");
  back.liked(track("z", "Zed", "Kept"), std::nullopt);
  EXPECT_FALSE(back.from_json(tampered, &error));
  EXPECT_NE(error.find("links.spotify: expected a link on open.spotify.com"), std::string::npos) << error;
  EXPECT_EQ(back.entries().size(), 1u);
  for (const char* bad : {"", "[]", "{\"version\":2,\"entries\":[]}", "{\"version\":1}",
                          "{\"version\":1,\"entries\":[{\"opened\":true,\"liked\":false}]}"}) {
    EXPECT_FALSE(back.from_json(bad, &error)) << bad;
  }
}

TEST(PlaylistExport, M3u8JspfCsvAndTextHoldTheTracksInOrder) {
  SessionPlaylist p;
  p.liked(track("a", "Ann", "One"), VA{-0.5f, -0.6f});
  Track b = track("b", "=HYPERLINK(\"x\")", "Say \"hi\", then go");
  b.links.set(ListenService::Spotify, "https://open.spotify.com/track/9");
  p.opened(b, std::nullopt);
  const auto doc = attune::session_document(p, ListenService::Spotify, "2026-12-01T17:00:00Z");

  const auto m3u = lines(attune::to_m3u8(doc));
  ASSERT_EQ(m3u.size(), 6u);
  EXPECT_EQ(m3u[0], "#EXTM3U");
  EXPECT_EQ(m3u[1], "#PLAYLIST:Attune playlist, 2026-12-01");
  EXPECT_EQ(m3u[2], "#EXTINF:-1,Ann - One");
  EXPECT_EQ(m3u[3], "https://open.spotify.com/search/Ann%20One");
  EXPECT_EQ(m3u[5], "https://open.spotify.com/track/9");

  const auto jspf = nlohmann::json::parse(attune::to_jspf(doc));
  const auto& tracks = jspf["playlist"]["track"];
  ASSERT_EQ(tracks.size(), 2u);
  EXPECT_EQ(jspf["playlist"]["date"], "2026-12-01T17:00:00Z");
  EXPECT_EQ(tracks[0]["creator"], "Ann");
  EXPECT_EQ(tracks[0]["location"][0], "https://open.spotify.com/search/Ann%20One");
  EXPECT_EQ(tracks[0]["annotation"], "liked, while " + attune::describe_va({-0.5f, -0.6f}));
  EXPECT_EQ(tracks[1]["title"], "Say \"hi\", then go");

  const auto csv = lines(attune::to_csv(doc), "\r\n");
  ASSERT_EQ(csv.size(), 3u);
  EXPECT_EQ(csv[0], "position,artist,title,link,note,mood");
  EXPECT_EQ(csv[2], "2,\"'=HYPERLINK(\"\"x\"\")\",\"Say \"\"hi\"\", then go\",\"https://open.spotify.com/track/9\",\"opened\",\"\"");

  EXPECT_EQ(attune::to_text(doc, false), "Attune playlist, 2026-12-01\nAnn \u2013 One\n=HYPERLINK(\"x\") \u2013 Say \"hi\", then go");
  EXPECT_EQ(lines(attune::to_text(doc, true)).size(), 5u);
}

TEST(PlaylistExport, TheQrTextHoldsTenLinesCutAtCharacterBoundaries) {
  SessionPlaylist p;
  for (int i = 0; i < 14; ++i) p.liked(track("t" + std::to_string(i), std::string(50, 'a') + "é", "Title é " + std::to_string(i)), std::nullopt);
  const auto text = attune::qr_text(attune::session_document(p, ListenService::YouTube, "2026-12-01"));
  const auto rows = lines(text);
  ASSERT_EQ(rows.size(), 11u);  // title + 10
  for (const auto& row : rows) {
    EXPECT_LE(row.size(), attune::kQrLineBytes);
    // Valid UTF-8 ends: a cut never leaves a lead byte without its continuation.
    const auto last = static_cast<unsigned char>(row.back());
    EXPECT_TRUE(last < 0x80 || (last & 0xC0) == 0x80) << row;
  }
  EXPECT_NE(rows[1].find("\u2026"), std::string::npos);
}

TEST(PlaylistExport, TheIsoPathKeepsItsOrder) {
  attune::Catalog c;
  c.tracks = {track("a", "Ann", "One"), track("b", "Bo", "Two")};
  std::vector<attune::Recommendation> path(2);
  path[0].track = 1;
  path[0].target = {0.0f, 0.4f};
  path[1].track = 0;
  path[1].target = {0.5f, -0.5f};
  const auto doc = attune::iso_path_document(c, path, ListenService::Deezer, "2026-12-01");
  ASSERT_EQ(doc.items.size(), 2u);
  EXPECT_EQ(doc.items[0].artist, "Bo");
  EXPECT_EQ(doc.items[0].note, "step 1 of 2");
  EXPECT_EQ(doc.items[1].mood, "toward " + attune::describe_va({0.5f, -0.5f}));
}
