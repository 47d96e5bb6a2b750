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

namespace {

GLFWwindow* g_window = nullptr;
std::unique_ptr<attune::app::App> g_app;

// The canvas fills the page (web/app.css); keep the GL drawing buffer the same size.
void follow_canvas_size() {
  const auto css = attune::platform::canvas_css_size();
  int width = 0, height = 0;
  glfwGetWindowSize(g_window, &width, &height);
  if (width != css.width || height != css.height) glfwSetWindowSize(g_window, css.width, css.height);
}

void frame() {
  follow_canvas_size();
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  // Headless browsers under virtual time can report a zero step, which ImGui rejects.
  ImGuiIO& io = ImGui::GetIO();
  io.DeltaTime = std::max(io.DeltaTime, 1e-4f);
  ImGui::NewFrame();

  g_app->frame(emscripten_get_now(), io.DisplaySize.x, io.DisplaySize.y);

  ImGui::Render();
  int width = 0, height = 0;
  glfwGetFramebufferSize(g_window, &width, &height);
  glViewport(0, 0, width, height);
  glClearColor(0.08f, 0.09f, 0.11f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
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
  g_window = glfwCreateWindow(css.width, css.height, "Attune", nullptr, nullptr);
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
  ImGui::StyleColorsDark();
  ImGui::GetStyle().FrameRounding = 4.0f;
  ImGui_ImplGlfw_InitForOpenGL(g_window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");

  g_app = std::make_unique<attune::app::App>();
  emscripten_set_main_loop(frame, 0, false);
  return 0;
}
