#include "ui/passing_note.h"

#include <algorithm>

namespace attune::ui {

void draw_passing_note(const char* text, ImVec2 area_min, ImVec2 area_size, float opacity) {
  const float em = ImGui::GetFontSize();
  const float width = std::min(area_size.x - 2 * em, 24 * em);
  if (width <= 0 || opacity <= 0) return;
  ImGui::SetNextWindowPos(ImVec2(area_min.x + area_size.x * 0.5f, area_min.y + area_size.y - em), ImGuiCond_Always,
                          ImVec2(0.5f, 1.0f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(width, area_size.y));
  ImGui::SetNextWindowBgAlpha(0.92f);
  ImGui::PushStyleVar(ImGuiStyleVar_Alpha, std::clamp(opacity, 0.0f, 1.0f));
  ImGui::Begin("##passing_note", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoNav |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::PushTextWrapPos(width - ImGui::GetStyle().WindowPadding.x);  // local x: the text is width less both paddings
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
  ImGui::End();
  ImGui::PopStyleVar();
}

}  // namespace attune::ui
