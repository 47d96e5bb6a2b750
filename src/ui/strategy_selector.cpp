#include "ui/strategy_selector.h"

#include "imgui.h"

namespace attune::ui {

const char* strategy_label(Strategy strategy) {
  switch (strategy) {
    case Strategy::MatchMood: return "Match my mood";
    case Strategy::Iso: return "Lift me gently";
    case Strategy::CalmDown: return "Calm down";
    case Strategy::Energise: return "Energise";
  }
  return "";
}

bool draw_strategy_selector(Strategy& strategy) {
  static const char* const kTips[] = {
      "Tracks close to how you feel now",
      "A playlist that starts where you are and steps toward calm and positive (the iso principle)",
      "Tracks calmer than your mood",
      "Tracks more energetic than your mood",
  };
  bool changed = false;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float right_edge = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  for (int i = 0; i < 4; ++i) {
    const auto s = static_cast<Strategy>(i);
    if (i > 0) {
      // Stay on this line only if the next button fits; otherwise wrap.
      const float next_width = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(strategy_label(s)).x;
      if (ImGui::GetItemRectMax().x + style.ItemSpacing.x + next_width <= right_edge) ImGui::SameLine();
    }
    if (ImGui::RadioButton(strategy_label(s), strategy == s) && strategy != s) {
      strategy = s;
      changed = true;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kTips[i]);
  }
  return changed;
}

}  // namespace attune::ui
