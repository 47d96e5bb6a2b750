#include "platform/web/a11y.h"

#include <emscripten.h>

extern "C" {
void attune_a11y_install();
void attune_a11y_set_status(const char* text);
void attune_a11y_set_controls(const char* json);
void attune_a11y_set_tracks(const char* json);
void attune_a11y_set_language(const char* language);
}

namespace attune::platform {

namespace {
AccessibleActionSink g_sink = nullptr;

// One kind of content; it goes to the page only when it differs from what was last sent.
struct Channel {
  std::string last;
  bool sent_once = false;
  void send(const std::string& text, void (*to_page)(const char*)) {
    if (sent_once && text == last) return;
    last = text;
    sent_once = true;
    to_page(text.c_str());
  }
};
Channel g_status, g_controls, g_tracks;
}  // namespace

void install_accessible_region(AccessibleActionSink sink) {
  g_sink = sink;
  attune_a11y_install();
}

void set_accessible_status(const std::string& text) { g_status.send(text, attune_a11y_set_status); }
void set_accessible_controls(const std::string& json) { g_controls.send(json, attune_a11y_set_controls); }
void set_accessible_tracks(const std::string& json) { g_tracks.send(json, attune_a11y_set_tracks); }
void set_page_language(const std::string& language) { attune_a11y_set_language(language.c_str()); }

}  // namespace attune::platform

extern "C" EMSCRIPTEN_KEEPALIVE void attune_a11y_action(const char* action, const char* value) {
  if (attune::platform::g_sink) attune::platform::g_sink(action, value);
}
