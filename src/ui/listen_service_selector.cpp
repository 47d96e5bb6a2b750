#include "ui/listen_service_selector.h"

#include <algorithm>
#include <cfloat>
#include <string>

#include "imgui.h"
#include "ui/hit_targets.h"
#include "ui/theme.h"

namespace attune::ui {

bool draw_listen_service_selector(ListenService& service) {
  bool changed = false;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Listen on");
  ImGui::SameLine();
  const std::string current(listen_service_name(service));
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("YouTube Music").x + ImGui::GetFrameHeight() + 2 * ImGui::GetStyle().FramePadding.x);
  // A finger needs each choice as tall as a button; the list is as tall as all seven, so that none hides
  // in a list that scrolls inside the pop-up.
  const float row_height = touch_ui() ? ImGui::GetFrameHeight() : 0.0f;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float all_rows = kListenServiceCount * (std::max(row_height, ImGui::GetTextLineHeight()) + style.ItemSpacing.y) +
                         2 * style.WindowPadding.y;
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(FLT_MAX, all_rows));
  if (ImGui::BeginCombo("##listen_service", current.c_str())) {
    for (std::size_t i = 0; i < kListenServiceCount; ++i) {
      const auto s = static_cast<ListenService>(i);
      const std::string name(listen_service_name(s));
      if (ImGui::Selectable(name.c_str(), s == service, 0, ImVec2(0, row_height)) && s != service) {
        service = s;
        changed = true;
      }
      record_hit_target("listen_service_" + std::string(listen_service_id(s)));
      if (s == service) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  }
  record_hit_target("listen_service");
  return changed;
}

}  // namespace attune::ui
