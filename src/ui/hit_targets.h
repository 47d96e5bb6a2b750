// Screen rectangles of named controls, recorded as they are drawn and published with the app's state
// so that tests (and automation) can click what a person would click, in whatever layout is in force;
// and the windows whose content is wider than they are (text or controls cut off at the right).
#pragma once

#include <map>
#include <string>

namespace attune::ui {

struct ScreenRect {
  float x = 0, y = 0, w = 0, h = 0;  // device pixels
  bool visible = true;               // wholly inside its window's visible area (not scrolled away or cut)
};

void begin_hit_targets();                         // once per frame, before drawing
void record_hit_target(const std::string& name);  // the rectangle of the last drawn item

// Call just before ending a window: notes how far (device pixels) its content reaches beyond its right edge.
void record_overflow(const std::string& window);

const std::map<std::string, ScreenRect>& hit_targets();
const std::map<std::string, float>& overflows();  // window name -> device pixels cut off; empty when all fits

}  // namespace attune::ui
