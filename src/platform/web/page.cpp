#include "platform/web/page.h"

#include <emscripten.h>

#include <cstdlib>

extern "C" {
void attune_publish_state(const char* json);
int attune_page_hidden();
void attune_enable_kiosk_fullscreen();
int attune_kiosk_wake_lock();
int attune_install_debug_hooks();
char* attune_query_parameter(const char* name);
void attune_open_url(const char* url);
void attune_download_text(const char* filename, const char* mime_type, const char* text);
void attune_copy_text(const char* text);
int attune_copy_result();
char* attune_now_iso8601();
int attune_foreign_request_count();
void attune_canvas_css_size(int* width, int* height);
void attune_resize_canvas(int width, int height);
void attune_safe_area_insets(float* top_right_bottom_left);
double attune_device_pixel_ratio();
int attune_prefers_dark();
int attune_prefers_reduced_motion();
void* attune_take_font(int* size);
}

namespace attune::platform {

namespace {
DebugReadingSink g_debug_sink = nullptr;
}

std::optional<std::string> query_parameter(const std::string& name) {
  char* value = attune_query_parameter(name.c_str());
  if (!value) return std::nullopt;
  std::string copy = value;
  std::free(value);
  return copy;
}

bool install_debug_hooks(DebugReadingSink sink) {
  g_debug_sink = sink;
  return attune_install_debug_hooks() != 0;
}

void publish_state(const std::string& json) { attune_publish_state(json.c_str()); }

bool page_hidden() { return attune_page_hidden() != 0; }

void enable_kiosk_fullscreen() { attune_enable_kiosk_fullscreen(); }
int kiosk_wake_lock() { return attune_kiosk_wake_lock(); }

void open_url(const std::string& url) { attune_open_url(url.c_str()); }

void download_text(const std::string& filename, const std::string& mime_type, const std::string& text) {
  attune_download_text(filename.c_str(), mime_type.c_str(), text.c_str());
}

void copy_text(const std::string& text) { attune_copy_text(text.c_str()); }
CopyResult copy_result() { return static_cast<CopyResult>(attune_copy_result()); }

std::string now_iso8601() {
  char* text = attune_now_iso8601();
  std::string copy = text ? text : "";
  std::free(text);
  return copy;
}

int foreign_request_count() { return attune_foreign_request_count(); }

CanvasSize canvas_css_size() {
  CanvasSize size;
  attune_canvas_css_size(&size.width, &size.height);
  return size;
}

void resize_canvas(int width, int height) { attune_resize_canvas(width, height); }

Insets safe_area_insets() {
  float sides[4] = {0, 0, 0, 0};
  attune_safe_area_insets(sides);
  return Insets{sides[0], sides[1], sides[2], sides[3]};
}

float device_pixel_ratio() { return static_cast<float>(attune_device_pixel_ratio()); }
bool prefers_dark_theme() { return attune_prefers_dark() != 0; }
bool prefers_reduced_motion() { return attune_prefers_reduced_motion() != 0; }
void* take_font_file(int* size) { return attune_take_font(size); }

}  // namespace attune::platform

extern "C" EMSCRIPTEN_KEEPALIVE void attune_debug_reading(int modality, const float* probs) {
  if (attune::platform::g_debug_sink) attune::platform::g_debug_sink(modality, probs);
}
