#include "ui/qr_view.h"

#include <algorithm>
#include <cmath>

#include "imgui.h"
#include "ui/hit_targets.h"

namespace attune::ui {

void draw_qr_code(const QrMatrix& qr, float max_side) {
  if (qr.size <= 0) return;
  constexpr int kQuietModules = 4;
  const int modules = qr.size + 2 * kQuietModules;
  const float module = std::max(1.0f, std::floor(max_side / modules));
  const float side = module * modules;
  const ImVec2 origin(std::floor(ImGui::GetCursorScreenPos().x), std::floor(ImGui::GetCursorScreenPos().y));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, ImVec2(origin.x + side, origin.y + side), IM_COL32(255, 255, 255, 255));
  for (int y = 0; y < qr.size; ++y) {
    for (int x = 0; x < qr.size; ++x) {
      if (!qr.at(x, y)) continue;
      const ImVec2 a(origin.x + (x + kQuietModules) * module, origin.y + (y + kQuietModules) * module);
      draw->AddRectFilled(a, ImVec2(a.x + module, a.y + module), IM_COL32(0, 0, 0, 255));
    }
  }
  ImGui::Dummy(ImVec2(side, side));
  record_hit_target("qr_code");
}

}  // namespace attune::ui
