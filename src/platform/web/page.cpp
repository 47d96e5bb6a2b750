#include "platform/web/page.h"

extern "C" {
void attune_publish_state(const char* json);
int attune_page_hidden();
void attune_canvas_css_size(int* width, int* height);
}

namespace attune::platform {

void publish_state(const std::string& json) { attune_publish_state(json.c_str()); }

bool page_hidden() { return attune_page_hidden() != 0; }

CanvasSize canvas_css_size() {
  CanvasSize size;
  attune_canvas_css_size(&size.width, &size.height);
  return size;
}

}  // namespace attune::platform
