// Entry point of the web app: a GLFW window filling the page, Dear ImGui on WebGL2, and a frame loop
// driven by the browser (emscripten_set_main_loop) that never blocks.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "app/app.h"
#include "backends/imgui_impl_glfw.h"
#include "backends/imgui_impl_opengl3.h"
#include "imgui.h"
#include "platform/web/page.h"
#include "ui/theme.h"
#include "ui/touch_input.h"

extern "C" {
void attune_touch_install();
int attune_touch_primary();
}

namespace {

GLFWwindow* g_window = nullptr;
std::unique_ptr<attune::app::App> g_app;
attune::ui::ThemeSettings g_theme;
attune::ui::TouchInput g_touch;
bool g_theme_applied = false;

// The canvas fills the page (web/app.css); its drawing buffer has one pixel per device pixel, so
// ImGui works in device pixels (GLFW reports the mouse in canvas pixels too).
void follow_canvas_size(float pixel_ratio) {
  const auto css = attune::platform::canvas_css_size();
  const int want_width = static_cast<int>(css.width * pixel_ratio + 0.5f);
  const int want_height = static_cast<int>(css.height * pixel_ratio + 0.5f);
  int width = 0, height = 0;
  glfwGetWindowSize(g_window, &width, &height);
  if (width != want_width || height != want_height) attune::platform::resize_canvas(want_width, want_height);
}

// Follows the system theme and the pixel ratio (which changes when the window moves between screens).
void follow_theme() {
  attune::ui::ThemeSettings wanted = g_theme;
  wanted.pixel_ratio = attune::platform::device_pixel_ratio();
  wanted.dark = attune::platform::prefers_dark_theme();
  wanted.ui_scale = g_app->ui_scale();
  wanted.touch = g_touch.touch_mode();
  if (g_theme_applied && wanted == g_theme) return;
  g_theme = wanted;
  g_theme_applied = true;
  attune::ui::apply_theme(g_theme);
}

void frame() {
  const double started_ms = emscripten_get_now();
  follow_theme();
  follow_canvas_size(g_theme.pixel_ratio);
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  // Headless browsers under virtual time can report a zero step, which ImGui rejects.
  ImGuiIO& io = ImGui::GetIO();
  io.DeltaTime = std::max(io.DeltaTime, 1e-4f);
  g_touch.apply(io, io.DeltaTime, g_theme.pixel_ratio);
  ImGui::NewFrame();

  if (g_touch.busy()) g_app->note_touch_activity(emscripten_get_now());
  // When a press was aimed: a finger's touching down (its click comes at the lift), a mouse's button down.
  if (g_touch.finger_came_down() || (!g_touch.touch_mode() && io.MouseClicked[0])) g_app->note_press(emscripten_get_now());
  g_app->frame(emscripten_get_now(), io.DisplaySize.x, io.DisplaySize.y, g_theme.pixel_ratio);

  ImGui::Render();
  int width = 0, height = 0;
  glfwGetFramebufferSize(g_window, &width, &height);
  glViewport(0, 0, width, height);
  const ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(background.x, background.y, background.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  g_app->note_frame_cost(emscripten_get_now() - started_ms);
}

}  // namespace

int main() {
  if (!glfwInit()) {
    std::fprintf(stderr, "Attune: GLFW could not start\n");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  const auto css = attune::platform::canvas_css_size();
  const float pixel_ratio = attune::platform::device_pixel_ratio();
  g_window = glfwCreateWindow(static_cast<int>(css.width * pixel_ratio), static_cast<int>(css.height * pixel_ratio),
                              "Attune", nullptr, nullptr);
  if (!g_window) {
    std::fprintf(stderr, "Attune: WebGL2 is not available\n");
    return 1;
  }
  glfwMakeContextCurrent(g_window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout is fixed; nothing to persist
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ImGui_ImplGlfw_InitForOpenGL(g_window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  ImGui_ImplOpenGL3_CreateDeviceObjects();  // so that the theme can replace the font texture cleanly

  g_app = std::make_unique<attune::app::App>();
  attune_touch_install();
  g_touch.set_touch_mode(attune_touch_primary() != 0);  // a phone starts with touch-sized controls
  emscripten_set_main_loop(frame, 0, false);
  return 0;
}

// A finger on the canvas (web/touch.js): phase 0 down, 1 move, 2 up, 3 cancel, 4 a mouse was used.
extern "C" EMSCRIPTEN_KEEPALIVE void attune_touch_event(int phase, float x, float y) {
  if (phase < 0 || phase > 4) return;
  g_touch.on_event(static_cast<attune::ui::TouchInput::Phase>(phase), x, y);
}
