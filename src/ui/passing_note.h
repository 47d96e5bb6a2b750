// A short note that floats over the bottom of an area for a moment and takes no input: it says why
// something the person did had no effect, without moving anything under their finger (a line added
// to a column would push the rows below it) and without catching the next tap (presses pass through).
#pragma once

#include "imgui.h"

namespace attune::ui {

// Draws `text` centred near the bottom of the area (device pixels), wrapped to at most 24 text heights,
// at `opacity` (0-1: the caller fades it out). Call after the windows it floats over.
void draw_passing_note(const char* text, ImVec2 area_min, ImVec2 area_size, float opacity);

}  // namespace attune::ui
