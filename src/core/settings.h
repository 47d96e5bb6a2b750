// The person's settings as kept in this browser (localStorage "attune.settings"): the music strategy and
// the text size. Reading them never fails: a value that is missing, of the wrong type or out of range is
// left out, and the app keeps its default for it (the JSON comes from storage: treat it as untrusted).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/recommend.h"

namespace attune {

struct Settings {
  std::optional<Strategy> strategy;
  std::optional<float> text_size;  // within [kMinTextSize, kMaxTextSize]

  static constexpr float kMinTextSize = 0.75f, kMaxTextSize = 2.0f;
};

Settings parse_settings(std::string_view json_text);
std::string settings_to_json(Strategy strategy, float text_size);

}  // namespace attune
