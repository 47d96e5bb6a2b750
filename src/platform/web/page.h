// The page around the canvas (web/page.js): state publishing, visibility, canvas size.
#pragma once

#include <optional>
#include <string>

namespace attune::platform {

// Makes the app's state (JSON) visible to tests and host pages as window.attuneState.
void publish_state(const std::string& json);

bool page_hidden();

// A query parameter of the page's URL (?name=value), if present.
std::optional<std::string> query_parameter(const std::string& name);

// Installs window.attuneDebug when the URL asks for it (?debug=inputs); returns whether it did.
// Injected readings arrive through the callback given here.
using DebugReadingSink = void (*)(int modality, const float* probs);
bool install_debug_hooks(DebugReadingSink sink);

// Kiosk: every tap that finds the page not in full screen asks for full screen (it needs a gesture).
// It also keeps the screen awake where the browser offers the Screen Wake Lock.
void enable_kiosk_fullscreen();
int kiosk_wake_lock();  // 1 held, 0 not held (yet), -1 the browser has no Wake Lock

// Opens an https link in a new tab (only call it from a click).
void open_url(const std::string& url);

// A file made in the page (a Blob, no network) offered as a download; only call it from a click.
void download_text(const std::string& filename, const std::string& mime_type, const std::string& text);

// Puts text on the clipboard (only from a click); copy_result() then tells how it went.
void copy_text(const std::string& text);
enum class CopyResult { None = 0, Copied = 1, Refused = -1, Pending = 2 };
CopyResult copy_result();

// The page's clock as an ISO 8601 UTC date and time, e.g. "2026-12-01T17:34:55Z".
std::string now_iso8601();

// Resource requests the browser made to another origin than the page's so far (-1: unknown).
int foreign_request_count();

struct CanvasSize {
  int width = 1;   // CSS pixels
  int height = 1;
};
CanvasSize canvas_css_size();
// The canvas's drawing buffer and the GLFW window resized to this many device pixels (in place of
// glfwSetWindowSize, which takes the screen's size for a request to go full screen: web/page.js).
void resize_canvas(int width, int height);

// Where the screen's shape or the system's bars cover the page (CSS pixels; zero on most screens).
struct Insets {
  float top = 0, right = 0, bottom = 0, left = 0;
};
Insets safe_area_insets();

float device_pixel_ratio();
bool prefers_dark_theme();
bool prefers_reduced_motion();

// The UI font file the page downloaded, as a malloc'ed buffer the caller takes over (nullptr if none).
void* take_font_file(int* size);

}  // namespace attune::platform
