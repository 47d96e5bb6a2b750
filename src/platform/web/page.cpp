#include "platform/web/page.h"

extern "C" {
void attune_publish_state(const char* json);
int attune_page_hidden();
void attune_canvas_css_size(int* width, int* height);
double attune_device_pixel_ratio();
int attune_prefers_dark();
int attune_prefers_reduced_motion();
void* attune_take_font(int* size);
}

namespace attune::platform {

void publish_state(const std::string& json) { attune_publish_state(json.c_str()); }

bool page_hidden() { return attune_page_hidden() != 0; }

CanvasSize canvas_css_size() {
  CanvasSize size;
  attune_canvas_css_size(&size.width, &size.height);
  return size;
}

float device_pixel_ratio() { return static_cast<float>(attune_device_pixel_ratio()); }
bool prefers_dark_theme() { return attune_prefers_dark() != 0; }
bool prefers_reduced_motion() { return attune_prefers_reduced_motion() != 0; }
void* take_font_file(int* size) { return attune_take_font(size); }

}  // namespace attune::platform
