#include "core/settings.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace attune {

Settings parse_settings(std::string_view json_text) {
  Settings s;
  const auto j = nlohmann::json::parse(json_text, nullptr, false);
  if (!j.is_object()) return s;
  if (const auto it = j.find("strategy"); it != j.end() && it->is_string()) {
    const auto& name = it->get_ref<const std::string&>();
    for (int i = 0; i < 4; ++i)
      if (strategy_name(static_cast<Strategy>(i)) == name) s.strategy = static_cast<Strategy>(i);
  }
  if (const auto it = j.find("text_size"); it != j.end() && it->is_number()) {
    const double size = it->get<double>();
    if (std::isfinite(size) && size >= Settings::kMinTextSize && size <= Settings::kMaxTextSize) s.text_size = static_cast<float>(size);
  }
  if (const auto it = j.find("listen_service"); it != j.end() && it->is_string())
    s.listen_service = listen_service_from_id(it->get_ref<const std::string&>());
  return s;
}

std::string settings_to_json(Strategy strategy, float text_size, ListenService listen_service) {
  return nlohmann::json{{"strategy", std::string(strategy_name(strategy))}, {"text_size", text_size},
                        {"listen_service", std::string(listen_service_id(listen_service))}}.dump();
}

}  // namespace attune
