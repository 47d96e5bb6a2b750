// The page around the canvas (web/page.js): state publishing, visibility, canvas size.
#pragma once

#include <string>

namespace attune::platform {

// Makes the app's state (JSON) visible to tests and host pages as window.attuneState.
void publish_state(const std::string& json);

bool page_hidden();

struct CanvasSize {
  int width = 1;   // CSS pixels
  int height = 1;
};
CanvasSize canvas_css_size();

float device_pixel_ratio();
bool prefers_dark_theme();
bool prefers_reduced_motion();

// The UI font file the page downloaded, as a malloc'ed buffer the caller takes over (nullptr if none).
void* take_font_file(int* size);

}  // namespace attune::platform
