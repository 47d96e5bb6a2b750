#include "ui/hit_targets.h"

#include "imgui.h"
#include "imgui_internal.h"

namespace attune::ui {

namespace {
std::map<std::string, ScreenRect> g_targets;
std::map<std::string, float> g_overflows;
constexpr float kTolerance = 1.0f;  // device pixels of rounding
}  // namespace

void begin_hit_targets() {
  g_targets.clear();
  g_overflows.clear();
}

void record_hit_target(const std::string& name) {
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  const ImRect clip = ImGui::GetCurrentWindow()->ClipRect;
  const bool inside = min.x >= clip.Min.x - kTolerance && min.y >= clip.Min.y - kTolerance &&
                      max.x <= clip.Max.x + kTolerance && max.y <= clip.Max.y + kTolerance;
  g_targets[name] = ScreenRect{min.x, min.y, max.x - min.x, max.y - min.y, inside};
}

void record_overflow(const std::string& window) {
  const ImGuiWindow* w = ImGui::GetCurrentWindow();
  const float beyond = w->DC.CursorMaxPos.x - w->ContentRegionRect.Max.x;
  if (beyond > kTolerance) g_overflows[window] = beyond;
}

const std::map<std::string, ScreenRect>& hit_targets() { return g_targets; }
const std::map<std::string, float>& overflows() { return g_overflows; }

}  // namespace attune::ui
