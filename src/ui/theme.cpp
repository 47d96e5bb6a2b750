#include "ui/theme.h"

#include "ui/glyph_ranges.h"

#include <algorithm>

#include "backends/imgui_impl_opengl3.h"
#include "imgui.h"
#include "platform/web/page.h"

namespace attune::ui {

namespace {

bool g_dark = true;
bool g_touch = false;

void load_font(float pixel_size) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  int size = 0;
  void* data = platform::take_font_file(&size);
  if (data != nullptr && size > 0) {
    ImFontConfig config;
    config.OversampleH = 2;
    config.PixelSnapH = true;
    io.Fonts->AddFontFromMemoryTTF(data, size, pixel_size, &config, kGlyphRanges);  // the atlas frees `data`
  } else {
    ImFontConfig config;
    config.SizePixels = pixel_size;
    io.Fonts->AddFontDefault(&config);
  }
}

void set_palette(bool dark) {
  ImGuiStyle& style = ImGui::GetStyle();
  if (dark) {
    ImGui::StyleColorsDark(&style);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.08f, 0.09f, 0.11f, 1.0f);
    style.Colors[ImGuiCol_ChildBg] = ImVec4(0.11f, 0.12f, 0.15f, 1.0f);
  } else {
    ImGui::StyleColorsLight(&style);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.98f, 1.0f);
    style.Colors[ImGuiCol_ChildBg] = ImVec4(0.93f, 0.94f, 0.96f, 1.0f);
  }
}

}  // namespace

bool touch_ui() { return g_touch; }

bool small_button(const char* label) { return g_touch ? ImGui::Button(label) : ImGui::SmallButton(label); }

ImVec4 ok_colour() { return g_dark ? ImVec4(0.40f, 0.80f, 0.50f, 1) : ImVec4(0.05f, 0.45f, 0.18f, 1); }
ImVec4 error_colour() { return g_dark ? ImVec4(0.95f, 0.45f, 0.42f, 1) : ImVec4(0.70f, 0.10f, 0.08f, 1); }

void apply_theme(const ThemeSettings& settings) {
  g_dark = settings.dark;
  const float scale = settings.pixel_ratio * settings.ui_scale;
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  set_palette(settings.dark);
  style.WindowRounding = 0.0f;
  style.ChildRounding = 8.0f;
  style.FrameRounding = 5.0f;
  style.GrabRounding = 5.0f;
  style.FramePadding = ImVec2(10, 6);
  style.ItemSpacing = ImVec2(10, 8);
  style.WindowPadding = ImVec2(14, 12);
  style.ScaleAllSizes(scale);
  g_touch = settings.touch;
  if (settings.touch) {
    // Frames (buttons, radio buttons, headers) at least kMinTouchTarget tall, and a little more room
    // between rows so that a finger does not land on the neighbour.
    const float font_px = kBaseFontSize * scale;
    style.FramePadding.y = std::max(style.FramePadding.y, (kMinTouchTarget * settings.pixel_ratio - font_px) * 0.5f + 0.5f);
    style.FramePadding.x = std::max(style.FramePadding.x, 14.0f * scale);
    style.ItemSpacing.y *= 1.25f;
    style.ScrollbarSize = 4.0f * scale;  // a finger scrolls by dragging the content: a thin indicator suffices
  }

  ImGui_ImplOpenGL3_DestroyFontsTexture();
  load_font(kBaseFontSize * scale);
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

}  // namespace attune::ui
