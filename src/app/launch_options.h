// How the page was opened: URL parameters set by a kiosk installation or an embedding host page.
//   ?kiosk=1            full screen after the first tap, large type, starts on the first tap, no storage,
//                       and a reset after `idle` seconds without a face so the next visitor starts fresh
//   ?idle=60            kiosk idle reset, in seconds (default 60)
//   ?strategy=match|iso|calm|energise    initial strategy (overrides the stored one)
//   ?catalog=URL        a same-origin catalog instead of the bundled one
//   ?lang=en|de|fr|es   language of the emotion labels
//   ?host=ORIGIN        an embedding page of this origin receives events by postMessage (web/page.js)
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/recommend.h"

namespace attune::app {

struct LaunchOptions {
  bool kiosk = false;
  double idle_reset_s = 60.0;
  std::optional<Strategy> strategy;
  std::string catalog_url;  // empty: the bundled catalog
  std::string language = "en";
  // One readable sentence per parameter whose value was not understood (the default is used instead);
  // the app shows them. A bad ?catalog= is reported when it fails to load (src/app/music.cpp).
  std::vector<std::string> problems;
};

// Reads the page's URL parameters; invalid values fall back to the defaults and are listed in `problems`.
LaunchOptions read_launch_options();

}  // namespace attune::app
