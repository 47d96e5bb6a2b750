// The stored settings are read defensively: anything unreadable keeps its default, nothing throws.
#include <gtest/gtest.h>

#include "core/settings.h"

namespace attune {
namespace {

TEST(Settings, RoundTrips) {
  const Settings s = parse_settings(settings_to_json(Strategy::CalmDown, 1.25f, ListenService::Bandcamp));
  ASSERT_TRUE(s.listen_service.has_value());
  EXPECT_EQ(*s.listen_service, ListenService::Bandcamp);
  ASSERT_TRUE(s.strategy.has_value());
  EXPECT_EQ(*s.strategy, Strategy::CalmDown);
  ASSERT_TRUE(s.text_size.has_value());
  EXPECT_FLOAT_EQ(*s.text_size, 1.25f);
}

TEST(Settings, WhatCannotBeReadKeepsItsDefault) {
  for (const char* text : {"", "null", "[]", "{", "\"calm\"", "{\"strategy\":3,\"text_size\":\"big\"}",
                           "{\"strategy\":\"loud\"}", "{\"text_size\":9}", "{\"text_size\":0.1}", "{\"text_size\":-1e999}",
                           "{\"listen_service\":\"Spotify\"}", "{\"listen_service\":[\"spotify\"]}"}) {
    const Settings s = parse_settings(text);
    EXPECT_FALSE(s.listen_service.has_value()) << text;
    EXPECT_FALSE(s.strategy.has_value()) << text;
    EXPECT_FALSE(s.text_size.has_value()) << text;
  }
}

TEST(Settings, OneGoodFieldIsKeptBesideABadOne) {
  const Settings s = parse_settings(R"({"strategy":"energise","text_size":"huge","extra":[1,2]})");
  ASSERT_TRUE(s.strategy.has_value());
  EXPECT_EQ(*s.strategy, Strategy::Energise);
  EXPECT_FALSE(s.text_size.has_value());
}

}  // namespace
}  // namespace attune
