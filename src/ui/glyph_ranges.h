// The characters the interface's font holds: ImGui's atlas loads exactly these, and tools/assemble_dist.sh
// subsets the shipped font to the same ranges, read from the lines below (keep one range per line, as
// "0xXXXX, 0xYYYY,"). A character outside them shows as '?' on the canvas; the page's accessible region
// (HTML) shows every name as written. Scripts that need shaping or right-to-left order (Arabic, Hebrew)
// are left out on purpose: ImGui 1.86 would draw their letters unjoined and in the wrong order.
#pragma once

#include "imgui.h"

namespace attune::ui {

inline constexpr ImWchar kGlyphRanges[] = {
    0x0020, 0x017F,  // Basic Latin, Latin-1, Latin Extended-A: the interface, its four languages, most names
    0x0370, 0x03FF,  // Greek (names in the bundled catalog)
    0x2010, 0x2027,  // General Punctuation: dashes, typographic quotes, the ellipsis
    0x2122, 0x2122,  // the trade mark sign (the bundled catalog)
    0,
};

}  // namespace attune::ui
