#include "ui/theme.h"

#include "backends/imgui_impl_opengl3.h"
#include "imgui.h"
#include "platform/web/page.h"

namespace attune::ui {

namespace {

bool g_dark = true;

void load_font(float pixel_size) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  int size = 0;
  void* data = platform::take_font_file(&size);
  if (data != nullptr && size > 0) {
    ImFontConfig config;
    config.OversampleH = 2;
    config.PixelSnapH = true;
    io.Fonts->AddFontFromMemoryTTF(data, size, pixel_size, &config);  // the atlas frees `data`
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

  ImGui_ImplOpenGL3_DestroyFontsTexture();
  load_font(kBaseFontSize * scale);
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

}  // namespace attune::ui
