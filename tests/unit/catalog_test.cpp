#include "core/catalog.h"
#include "core/catalog_fast.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

using attune::Catalog;
using attune::CatalogLimits;
using attune::load_catalog;
using attune::Track;

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

Track make_track(int i) {
  Track t;
  t.id = "t" + std::to_string(i);
  t.artist = "Artist " + std::to_string(i % 97);
  t.title = "Title " + std::to_string(i);
  t.genre = i % 2 ? "Rock" : "";
  t.source = "test";
  t.url = "https://example.org/?q=" + std::to_string(i);
  if (i % 3 == 0) t.links.set(attune::ListenService::Spotify, "https://open.spotify.com/track/" + std::to_string(i));
  t.va = {static_cast<float>((i % 201) - 100) / 100.0f, static_cast<float>((i * 7 % 201) - 100) / 100.0f};
  t.valence_std = 0.25f;
  t.arousal_std = 0.125f;
  return t;
}

const char* kMinimal = R"({"schema":"attune-catalog","version":1,"tracks":[
  {"id":"a","artist":"Ann","title":"Song","valence":0.5,"arousal":-0.25,"url":"https://example.org/a"}]})";

}  // namespace

// Each malformed catalog in the committed corpus (also the fuzzer's seeds) gives this exact first error.
TEST(CatalogCorpus, EachMalformedFileGivesItsPreciseError) {
  const std::map<std::string, std::string> expected = {
      {"control_char_title.json", "tracks[0].title: contains a control character"},
      {"deep_nesting.json", "catalog: nesting deeper than 32 levels (byte 32)"},
      {"deep_nesting_in_track.json", "catalog: nesting deeper than 32 levels (byte 213)"},
      {"duplicate_id.json", "tracks[2].id: \"a\" is already used by tracks[0]"},
      {"empty.json", "catalog: the file is empty (expected a JSON catalog)"},
      {"empty_title.json", "tracks[0].title: expected a non-empty string, got an empty one"},
      {"huge_float.json", "catalog: not valid JSON at byte 105: number overflow parsing '1e999'"},
      {"huge_integer.json", "tracks[0].arousal: expected a number in [-1, 1], got 1.23456789e+29"},
      {"invalid_utf8.json",
       "catalog: not valid JSON at line 1, column 75: invalid string: ill-formed UTF-8 byte; last read: '\"Ann \\xFF'"},
      {"javascript_url.json", "tracks[0].url: expected an https:// link, got \"javascript:alert(1)\""},
      {"many_errors.json", "tracks[0].valence: expected a number in [-1, 1], got 2"},
      {"missing_artist.json", "tracks[1].artist: missing (expected a non-empty string)"},
      {"link_unknown_service.json",
       "tracks[0].links.napster: unknown music service (expected one of youtube, youtube_music, spotify, apple_music, deezer, "
       "soundcloud, bandcamp)"},
      {"link_wrong_host.json",
       "tracks[0].links.spotify: expected a link on open.spotify.com, got one on \"open.spotify.com.evil.example\""},
      {"nan_literal.json", "catalog: not valid JSON at line 1, column 101: invalid literal; last read: '\"valence\":N'"},
      {"negative_std.json", "tracks[0].valence_std: expected a number in [0, 2], got -0.1"},
      {"null_valence.json", "tracks[0].valence: expected a number in [-1, 1], got null"},
      {"out_of_range.json", "tracks[2].arousal: expected a number in [-1, 1], got -1.5"},
      {"top_level_array.json", "catalog: expected a JSON object at the top level, got an array"},
      {"track_not_object.json", "tracks[1]: expected an object, got a string \"t2\""},
      {"tracks_empty.json", "tracks: the array is empty (a catalog needs at least one track)"},
      {"tracks_missing.json", "tracks: missing (expected an array of tracks)"},
      {"tracks_not_array.json", "tracks: expected an array of tracks, got an object"},
      {"tracks_twice.json", "tracks: appears more than once"},
      {"truncated.json",
       "catalog: not valid JSON at line 1, column 91: invalid string: missing closing quote; last read: '\"artist'; "
       "expected string literal"},
      {"version_as_string.json", "version: expected the integer 1, got a string \"1\""},
      {"whitespace_only.json",
       "catalog: not valid JSON at line 3, column 1: unexpected end of input; expected '[', '{', or a literal"},
      {"wrong_schema.json", "schema: expected \"attune-catalog\", got a string \"spotify-playlist\""},
      {"wrong_type_artist.json", "tracks[1].artist: expected a non-empty string, got 42"},
      {"wrong_type_valence.json", "tracks[0].valence: expected a number in [-1, 1], got a string \"high\""},
      {"wrong_version.json", "version: this build reads version 1, the file is version 2"},
  };
  const std::filesystem::path dir = std::filesystem::path(ATTUNE_TEST_DATA_DIR) / "catalog_bad";
  std::size_t seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    const auto it = expected.find(name);
    ASSERT_NE(it, expected.end()) << name << " has no expected error in this test";
    const auto result = load_catalog(read_file(entry.path()));
    EXPECT_FALSE(result.ok()) << name;
    ASSERT_FALSE(result.errors.empty()) << name;
    EXPECT_EQ(result.errors.front().message, it->second) << name;
    ++seen;
  }
  EXPECT_EQ(seen, expected.size());
}

// A syntactically valid catalog of `count` tracks, ~180 bytes each.
std::string generated_catalog(std::size_t count) {
  std::string text = R"({"schema":"attune-catalog","version":1,"tracks":[)";
  for (std::size_t i = 0; i < count; ++i) {
    if (i) text += ',';
    text += R"({"id":"t)" + std::to_string(i) + R"(","artist":"Artist )" + std::to_string(i % 977) +
            R"(","title":"A title long enough to make the file big","genre":"Rock","valence":0.25,)"
            R"("arousal":-0.5,"valence_std":0.1,"arousal_std":0.2,"url":"https://example.org/listen?q=)" +
            std::to_string(i) + R"("})";
  }
  return text + "]}";
}

TEST(CatalogLoad, FiftyMegabyteFileIsRefusedBeforeParsing) {
  // Built at test time (not committed). The same generator's small output is a valid catalog, so
  // the big one is refused for its size alone.
  const auto small = load_catalog(generated_catalog(10));
  ASSERT_TRUE(small.ok()) << small.error_text();
  EXPECT_EQ(small.catalog->tracks.size(), 10u);

  const std::string text = generated_catalog(300000);
  ASSERT_GT(text.size(), 50u << 20);
  const auto refused = load_catalog(text);
  ASSERT_FALSE(refused.ok());
  ASSERT_EQ(refused.errors.size(), 1u);
  EXPECT_EQ(refused.errors.front().message,
            "catalog: the file is " + std::to_string(text.size()) + " bytes, more than the limit of 33554432 bytes");
}

TEST(CatalogLoad, ReadsAMinimalCatalog) {
  const auto r = load_catalog(kMinimal);
  ASSERT_TRUE(r.ok()) << r.error_text();
  ASSERT_EQ(r.catalog->tracks.size(), 1u);
  const Track& t = r.catalog->tracks[0];
  EXPECT_EQ(t.id, "a");
  EXPECT_EQ(t.artist, "Ann");
  EXPECT_EQ(t.title, "Song");
  EXPECT_EQ(t.genre, "");
  EXPECT_FLOAT_EQ(t.va.valence, 0.5f);
  EXPECT_FLOAT_EQ(t.va.arousal, -0.25f);
  EXPECT_FLOAT_EQ(t.valence_std, 0.0f);
  EXPECT_EQ(t.url, "https://example.org/a");
  EXPECT_EQ(r.error_text(), "");
}

// One rule for listening links, applied at load: what loads is what the Listen button opens.
TEST(CatalogLoad, ListeningLinksAreHttpsWithTheSchemeInLowerCase) {
  const auto with_url = [](const std::string& url) {
    return load_catalog(R"({"schema":"attune-catalog","version":1,"name":"x","tracks":[)"
                        R"({"id":"a","artist":"Ann","title":"Song","valence":0,"arousal":0,"url":")" + url + R"("}]})");
  };
  const auto upper = with_url("HTTPS://Example.org/Path?Q=1");
  ASSERT_TRUE(upper.ok()) << upper.error_text();
  EXPECT_EQ(upper.catalog->tracks[0].url, "https://Example.org/Path?Q=1");  // only the scheme changes
  const auto mixed = with_url("hTTpS://example.org/");
  ASSERT_TRUE(mixed.ok());
  EXPECT_EQ(mixed.catalog->tracks[0].url, "https://example.org/");
  EXPECT_EQ(with_url("http://example.org/").error_text(),
            "tracks[0].url: expected an https:// link; plain http:// links are not opened, got \"http://example.org/\"\n");
  EXPECT_EQ(with_url("HTTP://example.org/").error_text(),
            "tracks[0].url: expected an https:// link; plain http:// links are not opened, got \"HTTP://example.org/\"\n");
  EXPECT_EQ(with_url("ftp://example.org/").error_text(), "tracks[0].url: expected an https:// link, got \"ftp://example.org/\"\n");
}

TEST(CatalogLoad, IgnoresUnknownFields) {
  const auto r = load_catalog(R"({"schema":"attune-catalog","version":1,"future":{"x":[1,2]},"tracks":[
    {"id":"a","artist":"Ann","title":"Song","valence":0,"arousal":0,"url":"https://x.org","bpm":120}]})");
  EXPECT_TRUE(r.ok()) << r.error_text();
}

TEST(CatalogLoad, OnlyTheTopLevelTracksArrayHoldsTracks) {
  // Objects in arrays elsewhere (an unknown field, or nested inside a track) are not tracks.
  const auto r = load_catalog(R"({"schema":"attune-catalog","version":1,
    "playlists":[{"id":"p","tracks":[{"id":"x"}]}],
    "tracks":[{"id":"a","artist":"Ann","title":"Song","valence":0,"arousal":0,"url":"https://x.org",
               "extra":[{"id":"nested"}]}],
    "more":[{"artist":1}]})");
  ASSERT_TRUE(r.ok()) << r.error_text();
  ASSERT_EQ(r.catalog->tracks.size(), 1u);
  EXPECT_EQ(r.catalog->tracks[0].id, "a");
}

TEST(CatalogLoad, HeaderAfterTheTracksIsStillChecked) {
  const auto r = load_catalog(R"({"tracks":[{"id":"a","artist":"Ann","title":"Song","valence":0,"arousal":0,
    "url":"https://x.org"}],"version":3,"schema":"attune-catalog"})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].message, "version: this build reads version 1, the file is version 3");
}

TEST(CatalogLoad, RoundTripsThroughItsOwnWriter) {
  Catalog c;
  c.name = "round trip";
  c.license = "CC";
  for (int i = 0; i < 50; ++i) c.tracks.push_back(make_track(i));
  const auto r = load_catalog(attune::catalog_to_json(c));
  ASSERT_TRUE(r.ok()) << r.error_text();
  EXPECT_EQ(r.catalog->name, "round trip");
  EXPECT_EQ(r.catalog->license, "CC");
  ASSERT_EQ(r.catalog->tracks.size(), c.tracks.size());
  for (std::size_t i = 0; i < c.tracks.size(); ++i) {
    const Track& a = c.tracks[i];
    const Track& b = r.catalog->tracks[i];
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.artist, b.artist);
    EXPECT_EQ(a.genre, b.genre);
    EXPECT_EQ(a.url, b.url);
    EXPECT_EQ(a.links, b.links);
    EXPECT_NEAR(a.va.valence, b.va.valence, 1e-6);
    EXPECT_NEAR(a.va.arousal, b.va.arousal, 1e-6);
    EXPECT_NEAR(a.valence_std, b.valence_std, 1e-6);
  }
}

TEST(CatalogLoad, ReportsTrackIndexAndFieldSeparately) {
  const auto r = load_catalog(R"({"schema":"attune-catalog","version":1,"tracks":[
    {"id":"a","artist":"Ann","title":"Song","valence":0,"arousal":0,"url":"https://x.org"},
    {"id":"b","artist":"Bo","title":"Song","valence":0,"arousal":true,"url":"https://x.org"}]})");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].track_index, 1);
  EXPECT_EQ(r.errors[0].field, "arousal");
  EXPECT_EQ(r.errors[0].message, "tracks[1].arousal: expected a number in [-1, 1], got true");
}

TEST(CatalogLoad, ReportsEveryBadFieldOfATrackUpToTheLimit) {
  const std::string text = R"({"schema":"attune-catalog","version":1,"tracks":[
    {"id":"","artist":1,"title":null,"valence":9,"arousal":"x","url":"ftp://x"}]})";
  const auto r = load_catalog(text);
  ASSERT_EQ(r.errors.size(), 6u);
  EXPECT_EQ(r.errors[0].field, "id");
  EXPECT_EQ(r.errors[1].field, "artist");
  EXPECT_EQ(r.errors[2].field, "title");
  EXPECT_EQ(r.errors[3].field, "valence");
  EXPECT_EQ(r.errors[4].field, "arousal");
  EXPECT_EQ(r.errors[5].field, "url");
  EXPECT_FALSE(r.more_errors);

  CatalogLimits few;
  few.max_errors = 2;
  const auto cut = load_catalog(text, few);
  EXPECT_EQ(cut.errors.size(), 2u);
  EXPECT_TRUE(cut.more_errors);
  EXPECT_NE(cut.error_text().find("(more errors not shown)"), std::string::npos);
}

TEST(CatalogLoad, RefusesTooManyTracksAndOverlongStrings) {
  Catalog c;
  for (int i = 0; i < 5; ++i) c.tracks.push_back(make_track(i));
  CatalogLimits limits;
  limits.max_tracks = 4;
  auto r = load_catalog(attune::catalog_to_json(c), limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].message, "tracks: 5 tracks, more than the limit of 4");

  c.tracks.resize(1);
  c.tracks[0].title = std::string(3000, 'x');
  r = load_catalog(attune::catalog_to_json(c));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].message, "tracks[0].title: string of 3000 bytes is longer than the limit of 2048");
}

TEST(CatalogLoad, NonAsciiTextIsKeptAndErrorsStayPrintable) {
  const auto ok = load_catalog(R"({"schema":"attune-catalog","version":1,"tracks":[
    {"id":"a","artist":"Björk","title":"Jóga","valence":0,"arousal":0,"url":"https://x.org"}]})");
  ASSERT_TRUE(ok.ok()) << ok.error_text();
  EXPECT_EQ(ok.catalog->tracks[0].artist, "Björk");

  const auto bad = load_catalog(R"({"schema":"attune-catalog","version":1,"tracks":[
    {"id":"a","artist":"Ann","title":"Song","valence":"très","arousal":0,"url":"https://x.org"}]})");
  ASSERT_FALSE(bad.ok());
  for (char c : bad.errors[0].message) EXPECT_TRUE(c >= 0x20 && c < 0x7f);
  EXPECT_EQ(bad.errors[0].message, "tracks[0].valence: expected a number in [-1, 1], got a string \"tr\\xC3\\xA8s\"");
}

TEST(CatalogLoad, TheBundledCatalogIsValid) {
  const auto r = load_catalog(read_file(std::filesystem::path(ATTUNE_SOURCE_DIR) / "catalog" / "tracks.json"));
  ASSERT_TRUE(r.ok()) << r.error_text();
  EXPECT_EQ(r.catalog->tracks.size(), 1802u);
  for (const Track& t : r.catalog->tracks) {
    EXPECT_EQ(t.id.rfind("deam-", 0), 0u) << t.id;
    EXPECT_FALSE(t.artist.empty());
    // Listen builds its searches (core/listen_service.h); the catalog need not carry them.
    EXPECT_TRUE(t.url.empty() || t.url.rfind("https://", 0) == 0) << t.url;
  }
}

namespace {
attune::CatalogLoadResult with_links(const std::string& track_members) {
  return load_catalog(R"({"schema":"attune-catalog","version":1,"tracks":[{"id":"a","artist":"Ann","title":"Song","valence":0,)"
                      R"("arousal":0,)" + track_members + "}]}");
}
std::string link(const Track& t, attune::ListenService s) { return t.links.get(s); }
}  // namespace

TEST(CatalogLinks, ServiceLinksAreReadAndOpenedBeforeASearch) {
  using attune::ListenService;
  const auto r = with_links(R"("links":{"spotify":"HTTPS://open.spotify.com/track/4uLU6h","bandcamp":"https://ann.bandcamp.com/track/song"})");
  ASSERT_TRUE(r.ok()) << r.error_text();
  const Track& t = r.catalog->tracks[0];
  EXPECT_EQ(link(t, ListenService::Spotify), "https://open.spotify.com/track/4uLU6h");
  EXPECT_EQ(link(t, ListenService::Bandcamp), "https://ann.bandcamp.com/track/song");
  EXPECT_EQ(attune::track_listen_url(t, ListenService::Spotify), "https://open.spotify.com/track/4uLU6h");
  EXPECT_EQ(attune::track_listen_url(t, ListenService::Deezer), "https://www.deezer.com/search/Ann%20Song");
}

TEST(CatalogLinks, AUrlOnAServiceIsThatServicesLinkAndAnyOtherPageIsOpenedForAll) {
  using attune::ListenService;
  const auto on_service = with_links(R"("url":"https://www.youtube.com/watch?v=x1")");
  ASSERT_TRUE(on_service.ok()) << on_service.error_text();
  const Track& a = on_service.catalog->tracks[0];
  EXPECT_EQ(a.url, "");
  EXPECT_EQ(attune::track_listen_url(a, ListenService::YouTube), "https://www.youtube.com/watch?v=x1");
  EXPECT_EQ(attune::track_listen_url(a, ListenService::Spotify), "https://open.spotify.com/search/Ann%20Song");
  const auto own_page = with_links(R"("url":"https://freemusicarchive.org/music/Ann/Song")");
  ASSERT_TRUE(own_page.ok());
  EXPECT_EQ(attune::track_listen_url(own_page.catalog->tracks[0], ListenService::Spotify), "https://freemusicarchive.org/music/Ann/Song");
  // "links" wins over a service page in "url".
  const auto both = with_links(R"("url":"https://www.youtube.com/watch?v=x1","links":{"youtube":"https://youtu.be/y2"})");
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(attune::track_listen_url(both.catalog->tracks[0], ListenService::YouTube), "https://youtu.be/y2");
}

TEST(CatalogLinks, EachBadLinkGetsAPreciseError) {
  const std::map<std::string, std::string> cases = {
      {R"("links":["https://open.spotify.com/x"])",
       "tracks[0].links: expected an object of links by service (e.g. {\"spotify\": \"https://open.spotify.com/track/...\"}), got an array"},
      {R"("links":{"spotify":5})", "tracks[0].links.spotify: expected a non-empty string, got 5"},
      {R"("links":{"spotify":"http://open.spotify.com/x"})",
       "tracks[0].links.spotify: expected an https:// link; plain http:// links are not opened, got \"http://open.spotify.com/x\""},
      {R"("links":{"deezer":"https://www.deezer.com.evil.example/x"})",
       "tracks[0].links.deezer: expected a link on www.deezer.com, deezer.com, link.deezer.com, got one on \"www.deezer.com.evil.example\""},
      {R"("links":{"spotify":"https://open.spotify.com@evil.example/x"})",
       "tracks[0].links.spotify: expected a link with a plain host name, got \"https://open.spotify.com@evil.example/x\""},
      {R"("links":{"bandcamp":"https://bandcamp.com.evil.example/x"})",
       "tracks[0].links.bandcamp: expected a link on bandcamp.com, *.bandcamp.com, got one on \"bandcamp.com.evil.example\""},
      {R"("links":{"bandcamp":"https://evilbandcamp.com/x"})",
       "tracks[0].links.bandcamp: expected a link on bandcamp.com, *.bandcamp.com, got one on \"evilbandcamp.com\""},
  };
  for (const auto& [members, message] : cases) {
    const auto r = with_links(members);
    ASSERT_FALSE(r.ok()) << members;
    EXPECT_EQ(r.errors[0].message, message) << members;
  }
}

namespace {
// The fast path of load_catalog() and the checking reader agree field by field.
void expect_same_catalog(const attune::Catalog& a, const attune::Catalog& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.license, b.license);
  ASSERT_EQ(a.tracks.size(), b.tracks.size());
  for (std::size_t i = 0; i < a.tracks.size(); ++i) {
    const Track &x = a.tracks[i], &y = b.tracks[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.artist, y.artist);
    EXPECT_EQ(x.title, y.title);
    EXPECT_EQ(x.genre, y.genre);
    EXPECT_EQ(x.source, y.source);
    EXPECT_EQ(x.url, y.url);
    EXPECT_EQ(x.links, y.links);
    EXPECT_EQ(x.va.valence, y.va.valence);
    EXPECT_EQ(x.va.arousal, y.va.arousal);
    EXPECT_EQ(std::signbit(x.va.valence), std::signbit(y.va.valence));  // "-0" is the integer 0, "-0.0" a negative zero
    EXPECT_EQ(std::signbit(x.va.arousal), std::signbit(y.va.arousal));
    EXPECT_EQ(x.valence_std, y.valence_std);
    EXPECT_EQ(x.arousal_std, y.arousal_std);
  }
}
}  // namespace

TEST(CatalogFastPath, TakesTheBundledCatalogExactlyAsTheCheckingReaderDoes) {
  const std::string text = read_file(std::filesystem::path(ATTUNE_SOURCE_DIR) / "catalog" / "tracks.json");
  const auto fast = attune::read_valid_catalog(text, {});
  ASSERT_TRUE(fast.has_value()) << "the bundled catalog should take the fast path";
  const auto checked = attune::check_catalog(text);
  ASSERT_TRUE(checked.ok());
  expect_same_catalog(*fast, *checked.catalog);
}

TEST(CatalogFastPath, GivesUpOnEveryMalformedFileSoItsErrorIsTheCheckingReaders) {
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(ATTUNE_TEST_DATA_DIR) / "catalog_bad")) {
    const std::string text = read_file(entry.path());
    EXPECT_FALSE(attune::read_valid_catalog(text, {}).has_value()) << entry.path();
    EXPECT_EQ(load_catalog(text).error_text(), attune::check_catalog(text).error_text()) << entry.path();
  }
}

TEST(CatalogFastPath, AgreesWithTheCheckingReaderOnEscapesUnicodeDuplicatesAndLinks) {
  const std::vector<std::string> texts = {
      // escapes and UTF-8, duplicate members (the last counts), unknown members of every kind
      R"({"schema":"x","schema":"attune-catalog","version":1,"extra":{"a":[1,2,{"b":null}],"c":true},"tracks":[
        {"id":"a\"b","artist":"Bj\u00f6rk \ud83c\udfb5","title":"T\/1","valence":-0,"arousal":1e-1,"genre":"","source":"s",
         "valence":0.5,"x":[],"arousal_std":2,"links":{"spotify":"https://open.spotify.com/track/1"},"links":{"deezer":"HTTPS://www.deezer.com/t/1"}},
        {"id":"b","artist":"Ann","title":"Jóga","valence":1,"arousal":-1,"url":"https://WWW.YOUTUBE.COM/watch?v=1"}],"name":"n"})",
      // a url on a service beside a link for it, a page elsewhere
      R"({"schema":"attune-catalog","version":1,"tracks":[{"id":"a","artist":"A","title":"T","valence":0,"arousal":0,
         "url":"https://youtu.be/x","links":{"youtube":"https://www.youtube.com/watch?v=y"}},
        {"id":"b","artist":"A","title":"T","valence":-0,"arousal":-0.0,"url":"https://example.org/b"}]})",
      // refused: an escaped control character, a lone surrogate, a link on the wrong host, a float version
      R"({"schema":"attune-catalog","version":1,"tracks":[{"id":"a","artist":"A\n","title":"T","valence":0,"arousal":0}]})",
      R"({"schema":"attune-catalog","version":1,"tracks":[{"id":"a","artist":"\udc00","title":"T","valence":0,"arousal":0}]})",
      R"({"schema":"attune-catalog","version":1,"tracks":[{"id":"a","artist":"A","title":"T","valence":0,"arousal":0,"links":{"spotify":"https://evil.example/"}}]})",
      R"({"schema":"attune-catalog","version":1.0,"tracks":[{"id":"a","artist":"A","title":"T","valence":0,"arousal":0}]})",
      "\xEF\xBB\xBF" R"({"schema":"attune-catalog","version":1,"tracks":[{"id":"a","artist":"A","title":"T","valence":0,"arousal":0}]})",
  };
  for (const auto& text : texts) {
    const auto loaded = load_catalog(text);
    const auto checked = attune::check_catalog(text);
    ASSERT_EQ(loaded.ok(), checked.ok()) << text;
    EXPECT_EQ(loaded.error_text(), checked.error_text()) << text;
    if (loaded.ok()) expect_same_catalog(*loaded.catalog, *checked.catalog);
  }
  EXPECT_TRUE(load_catalog(texts[0]).ok());
  EXPECT_TRUE(attune::read_valid_catalog(texts[0], {}).has_value()) << "escapes and UTF-8 stay on the fast path";
}
