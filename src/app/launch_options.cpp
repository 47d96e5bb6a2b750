#include "app/launch_options.h"

#include <cstdlib>

#include "platform/web/page.h"
#include "ui/labels.h"

namespace attune::app {

LaunchOptions read_launch_options() {
  LaunchOptions o;
  const auto param = [](const char* name) { return platform::query_parameter(name); };
  if (const auto kiosk = param("kiosk")) o.kiosk = *kiosk != "0" && *kiosk != "false";
  if (const auto idle = param("idle")) {
    const double seconds = std::atof(idle->c_str());
    if (seconds >= 5 && seconds <= 3600) o.idle_reset_s = seconds;
  }
  if (const auto strategy = param("strategy")) {
    for (int i = 0; i < 4; ++i)
      if (strategy_name(static_cast<Strategy>(i)) == *strategy) o.strategy = static_cast<Strategy>(i);
  }
  if (const auto catalog = param("catalog")) o.catalog_url = *catalog;  // web/files.js refuses other origins
  if (const auto lang = param("lang"); lang && ui::language_supported(*lang)) o.language = *lang;
  return o;
}

}  // namespace attune::app
