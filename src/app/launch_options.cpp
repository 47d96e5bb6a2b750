#include "app/launch_options.h"

#include <cstdlib>

#include "platform/web/page.h"
#include "ui/labels.h"

namespace attune::app {

namespace {
// A value as the person wrote it, shortened and without control characters, for a message.
std::string quoted(const std::string& value) {
  std::string out;
  for (char c : value.substr(0, 40)) out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
  return "\"" + out + (value.size() > 40 ? "...\"" : "\"");
}
}  // namespace

LaunchOptions read_launch_options() {
  LaunchOptions o;
  const auto param = [](const char* name) { return platform::query_parameter(name); };
  const auto problem = [&o](const char* name, const std::string& value, const std::string& expected_and_default) {
    o.problems.push_back(std::string("?") + name + "=" + quoted(value) + " was not understood (" + expected_and_default + ").");
  };
  if (const auto kiosk = param("kiosk")) {
    if (*kiosk == "1" || *kiosk == "true" || kiosk->empty()) o.kiosk = true;
    else if (*kiosk != "0" && *kiosk != "false") problem("kiosk", *kiosk, "expected 1 or 0; kiosk mode stays off");
  }
  if (const auto idle = param("idle")) {
    char* end = nullptr;
    const double seconds = std::strtod(idle->c_str(), &end);
    if (!idle->empty() && end && *end == '\0' && seconds >= 5 && seconds <= 3600) o.idle_reset_s = seconds;
    else problem("idle", *idle, "expected seconds from 5 to 3600; using 60");
  }
  if (const auto strategy = param("strategy")) {
    for (int i = 0; i < 4; ++i)
      if (strategy_name(static_cast<Strategy>(i)) == *strategy) o.strategy = static_cast<Strategy>(i);
    if (!o.strategy) problem("strategy", *strategy, "expected match, iso, calm or energise; using your usual strategy");
  }
  if (const auto catalog = param("catalog")) o.catalog_url = *catalog;  // web/files.js refuses other origins
  if (const auto lang = param("lang")) {
    if (ui::language_supported(*lang)) o.language = *lang;
    else problem("lang", *lang, "expected en, de, fr or es; using en");
  }
  return o;
}

}  // namespace attune::app
