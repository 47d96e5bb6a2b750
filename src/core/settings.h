// The person's settings as kept in this browser (localStorage "attune.settings"): the music strategy, the
// text size and the music service Listen opens. Reading them never fails: a value that is missing, of the wrong type or out of range is
// left out, and the app keeps its default for it (the JSON comes from storage: treat it as untrusted).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/listen_service.h"
#include "core/recommend.h"

namespace attune {

struct Settings {
  std::optional<Strategy> strategy;
  std::optional<float> text_size;  // within [kMinTextSize, kMaxTextSize]
  std::optional<ListenService> listen_service;

  static constexpr float kMinTextSize = 0.75f, kMaxTextSize = 2.0f;
};

Settings parse_settings(std::string_view json_text);
std::string settings_to_json(Strategy strategy, float text_size, ListenService listen_service);

}  // namespace attune
