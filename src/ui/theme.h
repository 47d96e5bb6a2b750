// Look and size of the interface: a light or dark palette (following the system), a TTF font
// rasterised at the device pixel ratio so text stays crisp on high-DPI screens, and a UI scale.
#pragma once

#include "imgui.h"

namespace attune::ui {

struct ThemeSettings {
  bool dark = true;
  float pixel_ratio = 1.0f;  // device pixels per CSS pixel
  float ui_scale = 1.0f;     // user / kiosk enlargement on top of the pixel ratio
  bool touch = false;        // a finger is the pointer: every control at least kMinTouchTarget tall
  bool operator==(const ThemeSettings& o) const {
    return dark == o.dark && pixel_ratio == o.pixel_ratio && ui_scale == o.ui_scale && touch == o.touch;
  }
  bool operator!=(const ThemeSettings& o) const { return !(*this == o); }
};

// Sets ImGui's colours, sizes and font for `settings`. Call before ImGui::NewFrame(); when the
// settings change it rebuilds the font atlas (the renderer's font texture must be recreated: the
// function does that through the OpenGL3 backend).
void apply_theme(const ThemeSettings& settings);

// Status colours readable on the current palette (WCAG AA contrast on both backgrounds).
ImVec4 ok_colour();
ImVec4 error_colour();

// Base text size in CSS pixels before scaling.
inline constexpr float kBaseFontSize = 16.0f;

// The smallest control a finger hits reliably, in CSS pixels (Apple's and WCAG 2.5.5's 44 px).
inline constexpr float kMinTouchTarget = 44.0f;

// Whether the theme in force is the touch one, and a small button that is touch-sized there.
bool touch_ui();
bool small_button(const char* label);

}  // namespace attune::ui
