#include "ui/strategy_selector.h"

#include "core/recommend.h"
#include "imgui.h"
#include "ui/hit_targets.h"
#include "ui/theme.h"

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
      const float label_width = ImGui::CalcTextSize(strategy_label(s)).x;
      const float next_width = touch_ui() ? label_width + 2 * style.FramePadding.x
                                          : ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + label_width;
      if (ImGui::GetItemRectMax().x + style.ItemSpacing.x + next_width <= right_edge) ImGui::SameLine();
    }
    // On a touch screen a radio button's circle would be a finger wide: chips (buttons, the chosen one lit).
    const bool chosen = strategy == s;
    bool pressed = false;
    if (touch_ui()) {
      if (chosen) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_ButtonActive]);
      pressed = ImGui::Button(strategy_label(s));
      if (chosen) ImGui::PopStyleColor();
    } else {
      pressed = ImGui::RadioButton(strategy_label(s), chosen);
    }
    if (pressed && !chosen) {
      strategy = s;
      changed = true;
    }
    record_hit_target(std::string("strategy_").append(strategy_name(s)));
  }
  // What the chosen strategy does, always in view (a tooltip would never show on a touch screen).
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", kTips[static_cast<int>(strategy)]);
  ImGui::PopTextWrapPos();
  return changed;
}

}  // namespace attune::ui
