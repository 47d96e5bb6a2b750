// A QR code drawn with ImGui: dark modules on white with the four-module quiet zone a reader needs,
// whatever the theme, each module a whole number of device pixels so that its edges stay sharp.
#pragma once

#include "core/qr_code.h"

namespace attune::ui {

// Draws the code in a square of at most `max_side` device pixels at the cursor; hit target "qr_code".
void draw_qr_code(const QrMatrix& qr, float max_side);

}  // namespace attune::ui
