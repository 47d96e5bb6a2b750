// libFuzzer entry point over every JSON the app reads from the person or from storage: the catalog
// (a file or a URL), and from localStorage the feedback, the calibration baseline, the settings and a
// kept playlist. Built only by cmake/Fuzz.cmake with clang:
//   CC=clang CXX=clang++ cmake -S . -B build/fuzz -G Ninja && cmake --build build/fuzz --target catalog_fuzz
//   ctest --test-dir build/fuzz -R catalog_fuzz --output-on-failure
// Besides "no crash, leak or hang", it checks three properties: a rejected catalog always says why, an
// accepted one survives a round trip through catalog_to_json unchanged in size, and the fast path for
// right catalogs (core/catalog_fast.h) gives exactly what the checking reader gives.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/calibration.h"
#include "core/catalog.h"
#include "core/feedback.h"
#include "core/playlist.h"
#include "core/settings.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const attune::CatalogLoadResult result = attune::load_catalog(text);
  if (result.ok() != result.errors.empty()) std::abort();
  if (!result.ok() && result.error_text().empty()) std::abort();
  for (const auto& e : result.errors)
    for (char c : e.message)
      if (c < 0x20 || c > 0x7e) std::abort();  // error text must stay printable ASCII
  const attune::CatalogLoadResult checked = attune::check_catalog(text);
  if (checked.ok() != result.ok() || checked.error_text() != result.error_text()) std::abort();
  if (result.ok() && attune::catalog_to_json(*checked.catalog) != attune::catalog_to_json(*result.catalog)) std::abort();
  if (result.ok()) {
    const auto again = attune::load_catalog(attune::catalog_to_json(*result.catalog));
    if (!again.ok() || again.catalog->tracks.size() != result.catalog->tracks.size()) std::abort();
  }

  attune::Feedback feedback;
  std::string error;
  if (!feedback.from_json(text, &error) && error.empty()) std::abort();

  attune::Calibration calibration;
  error.clear();
  if (!calibration.from_json(text, &error) && error.empty()) std::abort();

  attune::SessionPlaylist playlist;
  error.clear();
  if (playlist.from_json(text, &error)) {
    attune::SessionPlaylist again;  // what was accepted is written back and read again unchanged in size
    if (!again.from_json(playlist.to_json(), &error) || again.entries().size() != playlist.entries().size()) std::abort();
  } else if (error.empty()) {
    std::abort();
  }

  const attune::Settings settings = attune::parse_settings(text);
  if (settings.text_size && !(*settings.text_size >= attune::Settings::kMinTextSize &&
                              *settings.text_size <= attune::Settings::kMaxTextSize))
    std::abort();  // a stored size is only ever taken within range
  return 0;
}
