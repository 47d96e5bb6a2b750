// Screen rectangles of named controls, recorded as they are drawn and published with the app's state
// so that tests (and automation) can click what a person would click.
#pragma once

#include <map>
#include <string>

namespace attune::ui {

struct ScreenRect {
  float x = 0, y = 0, w = 0, h = 0;  // device pixels
};

void begin_hit_targets();                   // once per frame, before drawing
void record_hit_target(const std::string& name);  // the rectangle of the last drawn item
const std::map<std::string, ScreenRect>& hit_targets();

}  // namespace attune::ui
