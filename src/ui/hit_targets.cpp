#include "ui/hit_targets.h"

#include "imgui.h"

namespace attune::ui {

namespace {
std::map<std::string, ScreenRect> g_targets;
}

void begin_hit_targets() { g_targets.clear(); }

void record_hit_target(const std::string& name) {
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  g_targets[name] = ScreenRect{min.x, min.y, max.x - min.x, max.y - min.y};
}

const std::map<std::string, ScreenRect>& hit_targets() { return g_targets; }

}  // namespace attune::ui
